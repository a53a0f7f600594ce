"""Calendar arithmetic for construction periods and bans ("资金下达后两年内完成")."""

from datetime import date


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
