"""The years chinese_calendar knows, written into the calendar table after every migrate
(workdays.apps); years already in the table, entered by the administrator or imported before,
are left as they are."""

import chinese_calendar.constants as known

NAMES = {"New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
         "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "Mid-autumn Festival": "中秋节",
         "National Day": "国庆节", "Anti-Fascist 70th Day": "抗战胜利70周年纪念日"}
SOURCE = "chinese_calendar（国务院办公厅历年节假日安排）"


def known_years() -> list[int]:
    return sorted({d.year for d in known.holidays} | {d.year for d in known.workdays})


def import_known_years(HolidayYear, CalendarDay) -> list[int]:
    """Add every year chinese_calendar knows and the table has not; the years added."""
    have = set(HolidayYear.objects.values_list("year", flat=True))
    added = [y for y in known_years() if y not in have]
    years = {y: HolidayYear.objects.create(year=y, source=SOURCE) for y in added}
    days = [CalendarDay(year=years[d.year], day=d, kind=kind, name=NAMES.get(name, name))
            for table, kind in ((known.holidays, "holiday"), (known.workdays, "workday"))
            for d, name in table.items() if d.year in years]
    CalendarDay.objects.bulk_create(days)
    return added
