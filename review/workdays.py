"""Working days by the State Council's holiday arrangement (chinese_calendar, maintained)."""

from datetime import date, timedelta

import chinese_calendar

from core.errors import DomainError


def is_workday(day: date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        raise DomainError(f"尚无{day.year}年的法定节假日安排，无法计算工作日。") from None


def period_end(start: date, working_days: int) -> date:
    """The last day of a period of `working_days` working days beginning on `start`
    (`start` counts when it is itself a working day; 调休 weekend days count as working)."""
    if working_days < 1:
        raise DomainError("公示期至少为1个工作日。", field="working_days")
    day, counted = start, 0
    while True:
        if is_workday(day):
            counted += 1
            if counted == working_days:
                return day
        day += timedelta(days=1)
