from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from declare.formdefs.registry import form_choices
from orgs.models import Organisation

from .choices import CallLevel, CallStatus, ProjectKind
from .wording import wording


def default_thresholds() -> dict:
    """The notices' numeric conditions, attached to each call so next year's can differ."""
    return {
        "base_a_min_capacity": 2000,            # 105号 二(一)1(2)
        "base_a_min_occupations": 5,            # 105号 二(一)1(3)
        "base_b_min_yearly_training": 3000,     # 105号 二(一)2(4)
        "base_b_min_yearly_high_skill": 1000,   # 105号 二(一)2(4)
        "base_b_min_pass_rate": 90,             # 105号 二(一)2(5)
        "base_b_min_satisfaction": 90,          # 105号 二(一)2(5)
        "base_b_designated_from": 2011,         # 105号 二(一)2
        "base_b_designated_to": 2020,
        "fraud_ban_years": 3,                   # 105号 五(二)
        "reapply_after_acceptance_years": 2,    # 鄂人社发〔2022〕100号 三(四)
        "base_construction_years": 2,           # 100号 六(一)
        "studio_construction_years": 1,         # 100号 六(二)
        # 验收申请 no earlier than this many months after the funds (a plausibility floor of
        # the construction period: base 2 years, studio 1 year — DOMAIN.md §8)
        "base_acceptance_min_months": 10,
        "studio_acceptance_min_months": 6,
        "panel_min_experts": 5,                 # 附件3 表5 说明
        "studio_leader_level": "1",             # 一级/高级技师
        "max_specialities": 2,                  # 100号 六(一) 1-2 个专业
        "notice_min_working_days": 5,           # 公示期 (usual practice: ≥ 5 个工作日)
        "defence_weight": "0",                  # 答辩成绩权重 w (review.aggregation.final_score)
    }


class Call(models.Model):
    """申报批次: one notice issued by one organisation to its recommenders."""

    issuer = models.ForeignKey(Organisation, verbose_name="发文单位", on_delete=models.PROTECT,
                               related_name="issued_calls")
    co_issuer = models.CharField("联合发文单位", max_length=120, blank=True)
    level = models.CharField("项目级别", max_length=20, choices=CallLevel.choices)
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("标题", max_length=200)
    doc_number = models.CharField("文号", max_length=60, unique=True)
    status = models.CharField("状态", max_length=20, choices=CallStatus.choices,
                              default=CallStatus.OPEN)
    offers_base = models.BooleanField("含培训基地建设项目", default=True)
    offers_studio = models.BooleanField("含工作室建设项目", default=True)
    indicator_base = models.PositiveIntegerField("培训基地项目指标", default=0)
    indicator_studio = models.PositiveIntegerField("工作室项目指标", default=0)
    subsidy_base = models.DecimalField("培训基地补助（万元）", max_digits=8, decimal_places=2,
                                       null=True, blank=True)
    subsidy_studio = models.DecimalField("工作室补助（万元）", max_digits=8, decimal_places=2,
                                         null=True, blank=True)
    published_on = models.DateField("发文日期", null=True, blank=True)
    contact_due = models.DateField("联系人报送截止日期", null=True, blank=True)
    recommender_deadline = models.DateTimeField("推荐单位报送截止时间")
    extended_deadline = models.DateTimeField(
        "延长后截止时间", null=True, blank=True,
        help_text="经批准统一延长时填写；原截止时间保留不变。")
    recommenders = models.ManyToManyField(Organisation, verbose_name="推荐单位",
                                          related_name="calls", blank=True)
    thresholds = models.JSONField("申报条件阈值", default=default_thresholds)
    form = models.CharField(
        "申报表版本", max_length=40, default="2025-national", choices=form_choices,
        help_text="本批次申报表（附件3/附件4）所用的版本；已有提交的申报后不能更改。")
    history = HistoricalRecords(excluded_fields=["thresholds"])

    class Meta:
        verbose_name = "申报批次"
        verbose_name_plural = "申报批次"
        ordering = ["-year", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        """The form version is frozen once the call has a submitted application (a snapshot
        was written under it): declare.formdefs.registry."""
        super().clean()
        if self.pk is None:
            return
        before = Call.objects.filter(pk=self.pk).values_list("form", flat=True).first()
        if before and before != self.form and self.has_submissions():
            raise ValidationError({"form": "本批次已有提交的申报，申报表版本不能更改。"})

    def has_submissions(self) -> bool:
        from declare.models import Snapshot

        return Snapshot.objects.filter(application__call=self).exists()

    def offers(self, kind: str) -> bool:
        return self.offers_base if kind == ProjectKind.BASE else self.offers_studio

    @property
    def kinds(self) -> list[str]:
        return [k for k in ProjectKind.values if self.offers(k)]

    def indicator(self, kind: str) -> int:
        return self.indicator_base if kind == ProjectKind.BASE else self.indicator_studio

    def threshold(self, key: str):
        return {**default_thresholds(), **(self.thresholds or {})}[key]

    @property
    def wording(self):
        """The names this call's pages use (自治区 / 市 …): calls/wording.py."""
        return wording(self)

    @property
    def deadline(self) -> datetime:
        """The deadline in force: the official one, or the extension where one was granted."""
        return self.extended_deadline or self.recommender_deadline

    @property
    def is_open(self) -> bool:
        return self.status == CallStatus.OPEN and timezone.now() <= self.deadline


def end_of_day(day) -> datetime:
    """A deadline date means the end of that day in Asia/Shanghai."""
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))
