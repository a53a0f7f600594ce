"""Calendar arithmetic every app uses (the one home of "the same day N years later")."""

import calendar
from datetime import date


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later, or the month's last day (31 Jan + 1 → 28 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))
