"""Issue 18 §5: the working-day calendar as data — seeded from chinese_calendar for the years it
knows, entered by the administrator for the next year from the 国务院办公厅 notice (audited), a
clear message naming the year when it is missing."""

from datetime import date, timedelta

import chinese_calendar
import pytest

from audit.models import AuditLog
from core.errors import DomainError
from workdays.days import is_workday, period_end
from workdays.models import CalendarDay, DayKind, HolidayYear

pytestmark = pytest.mark.django_db

ADD = "/admin/workdays/holidayyear/add/"


def test_the_seeded_years_agree_with_chinese_calendar_on_every_day():
    day = date(2024, 1, 1)
    while day.year <= 2026:
        assert is_workday(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)
    assert CalendarDay.objects.get(day=date(2026, 10, 1)).name == "国庆节"


def test_a_year_nobody_entered_is_refused_with_its_name_and_where_to_enter_it():
    with pytest.raises(DomainError) as caught:
        period_end(date(2026, 12, 28), 5)
    assert "尚无2027年的法定节假日安排" in str(caught.value)
    assert "管理后台 → 工作日历" in str(caught.value)


def post_2027(client, days):
    data = {"year": "2027", "source": "国办发明电〔2026〕9号",
            "days-TOTAL_FORMS": str(len(days)), "days-INITIAL_FORMS": "0",
            "days-MIN_NUM_FORMS": "0", "days-MAX_NUM_FORMS": "1000"}
    for i, (day, kind, name) in enumerate(days):
        data.update({f"days-{i}-day": day, f"days-{i}-kind": kind, f"days-{i}-name": name})
    return client.post(ADD, data, follow=True)


def test_the_administrator_enters_next_years_holidays_and_the_period_crosses_into_it(client,
                                                                                     adam):
    client.force_login(adam)
    assert client.get(ADD).status_code == 200
    r = post_2027(client, [("2027-01-01", DayKind.HOLIDAY, "元旦"),
                           ("2027-02-06", DayKind.WORKDAY, "春节")])
    assert r.redirect_chain[-1][0] == "/admin/workdays/holidayyear/"
    year = HolidayYear.objects.get(year=2027)
    assert year.updated_by == adam and year.history.count() == 1
    assert AuditLog.objects.filter(object_type="workdays.HolidayYear",
                                   object_id=str(year.pk)).exists()
    # 12-28 … 12-31 are four working days, 2027-01-01 is 元旦, Monday 01-04 the fifth.
    assert period_end(date(2026, 12, 28), 5) == date(2027, 1, 4)
    assert is_workday(date(2027, 2, 6))   # a Saturday worked in exchange (调休)


def test_a_weekday_cannot_be_entered_as_a_makeup_working_day(client, adam):
    client.force_login(adam)
    r = post_2027(client, [("2027-01-05", DayKind.WORKDAY, "")])
    assert "调休上班日应为周六或周日" in r.content.decode()
    r = post_2027(client, [("2028-01-01", DayKind.HOLIDAY, "元旦")])
    assert "日期不在2027年内" in r.content.decode()
    assert not HolidayYear.objects.filter(year=2027).exists()
