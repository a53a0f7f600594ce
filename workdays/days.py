"""Working days by the State Council's holiday arrangement, read from the calendar table
(workdays.models): the one place every working-day count asks (the 公示 period and any other)."""

from datetime import date, timedelta

from core.errors import DomainError

from .models import CalendarDay, DayKind, HolidayYear


def missing_year_message(year: int) -> str:
    return (f"尚无{year}年的法定节假日安排，无法计算工作日。请系统管理员按国务院办公厅的通知，"
            f"在“管理后台 → 工作日历”中录入{year}年的放假和调休安排后再试。")


class Calendar:
    """The arrangement of the years asked about, one query per year."""

    def __init__(self):
        self._years: dict[int, dict[date, bool]] = {}

    def _year(self, year: int) -> dict[date, bool]:
        if year not in self._years:
            if not HolidayYear.objects.filter(year=year).exists():
                raise DomainError(missing_year_message(year))
            self._years[year] = {
                d: kind == DayKind.WORKDAY
                for d, kind in CalendarDay.objects.filter(year__year=year)
                .values_list("day", "kind")}
        return self._years[year]

    def is_workday(self, day: date) -> bool:
        special = self._year(day.year)
        return special[day] if day in special else day.weekday() < 5


def is_workday(day: date) -> bool:
    return Calendar().is_workday(day)


def period_end(start: date, working_days: int) -> date:
    """The last day of a period of `working_days` working days beginning on `start`
    (`start` counts when it is itself a working day; 调休 weekend days count as working)."""
    if working_days < 1:
        raise DomainError("公示期至少为1个工作日。", field="working_days")
    calendar = Calendar()
    day, counted = start, 0
    while True:
        if calendar.is_workday(day):
            counted += 1
            if counted == working_days:
                return day
        day += timedelta(days=1)
