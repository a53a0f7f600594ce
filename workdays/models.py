"""The working-day calendar as data: the State Council's (国务院办公厅) holiday arrangement of
each year, seeded from chinese_calendar for the years it knows and entered by the administrator
from the notice for the years it does not know yet (audited by simple-history)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "放假"
    WORKDAY = "workday", "调休上班"


class HolidayYear(models.Model):
    """One year's arrangement. Working days of a year can be counted only when it exists: a
    weekday is a working day and a weekend day is not, unless one of its days says otherwise."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    source = models.CharField("依据", max_length=120,
                              help_text="国务院办公厅关于该年部分节假日安排的通知文号，"
                                        "如“国办发明电〔2026〕7号”。")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "节假日安排（年度）"
        verbose_name_plural = "工作日历"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}年节假日安排"


class CalendarDay(models.Model):
    """A day that departs from the weekday rule: a holiday (放假, usually a weekday) or a
    weekend day worked in exchange (调休上班)."""

    year = models.ForeignKey(HolidayYear, verbose_name="年度", on_delete=models.CASCADE,
                             related_name="days")
    day = models.DateField("日期", unique=True)
    kind = models.CharField("类别", max_length=10, choices=DayKind.choices)
    name = models.CharField("节日", max_length=30, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "放假或调休日"
        verbose_name_plural = "放假或调休日"
        ordering = ["day"]

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.get_kind_display()} {self.name}".strip()

    def clean(self):
        if self.day and self.kind == DayKind.WORKDAY and self.day.weekday() < 5:
            raise ValidationError({"kind": "调休上班日应为周六或周日；工作日本来就要上班，无需录入。"})
