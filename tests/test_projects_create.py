from datetime import date
from decimal import Decimal

import pytest

from calls.choices import Category, ProjectKind
from core.dates import add_years
from core.errors import DomainError
from declare.models import ApplicationStatus
from projects.choices import FundingSource, ProjectStatus
from projects.models import FundingRule
from projects.services import create_project_from_application, record_release

from .test_projects_support import approved

pytest_plugins = ["tests.test_projects_support"]

pytestmark = pytest.mark.django_db


def test_city_base_gets_the_calls_flat_20_wan_and_a_two_year_period(city_call, unit_a, rita):
    app = approved(city_call, unit_a)
    project = create_project_from_application(app, by=rita, released_on=date(2025, 3, 1),
                                              source=FundingSource.TALENT)
    assert (project.amount, project.source) == (Decimal("20.00"), "talent")
    assert (project.released_on, project.period_end) == (date(2025, 3, 1), date(2027, 3, 1))
    assert project.status == ProjectStatus.CONSTRUCTION
    assert [e.action for e in project.events.all()] == ["立项", "登记资金下达"]
    assert project.events.first().actor == rita


def test_city_studio_gets_5_wan_one_year_and_its_leader(city_call, unit_a, rita):
    project = create_project_from_application(approved(city_call, unit_a, ProjectKind.STUDIO),
                                              by=rita, released_on=date(2025, 3, 1))
    assert project.amount == Decimal("5.00")
    assert project.period_end == date(2026, 3, 1)
    assert (project.leader_name, project.leader_level_label) == ("王师傅", "一级/高级技师")
    assert [(m.content, m.year, m.point, m.due_on) for m in project.milestones.all()] == [
        ("plan", 1, "带徒20名，完成攻关2项", date(2026, 3, 1))]


def test_national_amount_comes_from_the_funding_rule_by_category_and_tier(call, unit_a, rita):
    FundingRule.objects.create(call=call, kind="base", category=Category.MANUFACTURING, tier="A",
                               amount=Decimal("500.00"))
    FundingRule.objects.create(call=call, kind="base", category=Category.MANUFACTURING, tier="B",
                               amount=Decimal("300.00"))
    project = create_project_from_application(approved(call, unit_a), by=rita)
    assert project.amount == Decimal("500.00")
    assert (project.released_on, project.period_end) == (None, None)


def test_national_call_without_a_funding_rule_is_refused_in_chinese(call, unit_a, rita):
    with pytest.raises(DomainError) as exc:
        create_project_from_application(approved(call, unit_a), by=rita)
    assert exc.value.field == "amount"
    assert "尚未设置该类项目的补助标准" in exc.value.message


def test_milestones_are_the_year1_and_year2_points_of_table_3_n_2(base_project):
    rows = [(m.content, m.position, m.year, m.point, m.due_on)
            for m in base_project.milestones.order_by("year", "content", "position")]
    assert rows == [
        ("capacity", 1, 1, "改造20个工位", date(2026, 3, 1)),
        ("results", 1, 1, "阶段总结", date(2026, 3, 1)),
        ("system", 1, 1, "完成2门课程", date(2026, 3, 1)),
        ("capacity", 1, 2, "改造40个工位", date(2027, 3, 1)),
        ("results", 1, 2, "总结报告", date(2027, 3, 1)),
        ("system", 1, 2, "完成6门课程", date(2027, 3, 1)),
        ("system", 2, 2, "出版教材2部", date(2027, 3, 1)),
    ]


def test_an_application_not_yet_approved_cannot_become_a_project(city_call, unit_a, rita):
    app = approved(city_call, unit_a)
    app.status = ApplicationStatus.FORWARDED
    app.save()
    with pytest.raises(DomainError, match="尚未确定立项（当前状态：推荐单位已报送）"):
        create_project_from_application(app, by=rita)


def test_an_application_becomes_a_project_only_once(base_project, rita):
    with pytest.raises(DomainError, match="已立项，不能重复立项"):
        create_project_from_application(base_project.application, by=rita)


def test_only_the_issuers_reviewer_or_admin_may_open_a_project(city_call, unit_a, rex, alice):
    app = approved(city_call, unit_a)
    for user in (rex, alice):
        with pytest.raises(DomainError, match="只有发文单位的审核人员或管理员可以确定立项"):
            create_project_from_application(app, by=user)


def test_release_later_sets_the_period_and_milestone_due_dates(city_call, unit_a, rita):
    project = create_project_from_application(approved(city_call, unit_a), by=rita)
    project = record_release(project, by=rita, released_on=date(2024, 2, 29),
                             source=FundingSource.EMPLOYMENT)
    assert project.period_end == date(2026, 2, 28)
    assert {m.due_on for m in project.milestones.filter(year=1)} == {date(2025, 2, 28)}


def test_construction_years_are_read_from_the_call(city_call, unit_a, rita):
    city_call.thresholds = {"base_construction_years": 3}
    city_call.save()
    project = create_project_from_application(approved(city_call, unit_a), by=rita,
                                              released_on=date(2025, 1, 10))
    assert project.period_end == date(2028, 1, 10)


def test_add_years_keeps_the_day_and_moves_29_february_to_28():
    assert add_years(date(2025, 6, 6), 2) == date(2027, 6, 6)
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
