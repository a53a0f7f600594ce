"""The typed figures of an application (issue 17 §4, declare.projection): written in the
section save's transaction, NULL for what does not read as a number, rebuilt by the backfill
exactly as the saves wrote them, and summed in SQL by the statistics page."""

import io
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from calls.choices import Category, ProjectKind
from catalog.selectors import get_occupation
from core.errors import DomainError
from declare.budget import compute_budget
from declare.demo import base as demo_base
from declare.demo import studio as demo_studio
from declare.models import (
    Application,
    ApplicationFigures,
    ApplicationStatus,
    BudgetFigure,
    Section,
    TrainingFigure,
)
from declare.projection import backfill, budget_totals, project, training_totals
from declare.services.applications import create_application
from declare.services.sections import StaleSection, save_section
from quotas.annex2 import SKILL_LABELS, annex2_rows
from quotas.models import Recommendation

from .quotas_support import submitted_application
from .test_quotas_annex2 import ranked  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def base_app(call, alice, unit_a):
    return create_application(unit=unit_a, call=call, kind=ProjectKind.BASE,
                              category=Category.MANUFACTURING, tier="A", by=alice,
                              occupations=[(get_occupation("6-18-01-01"), "")])


@pytest.fixture
def studio_app(call, alice, unit_a):
    return create_application(unit=unit_a, call=call, kind=ProjectKind.STUDIO,
                              category=Category.OTHER, tier="", by=alice,
                              occupations=[(get_occupation(demo_studio.OCCUPATION), "")])


def _budget(app) -> dict:
    return {(b.content, b.source): b.amount for b in BudgetFigure.objects.filter(application=app)}


def _training(app) -> list[tuple]:
    return list(TrainingFigure.objects.filter(application=app).order_by("position")
                .values_list("position", "year", "trainees", "high_skill"))


def _everything() -> dict:
    return {"figures": sorted(ApplicationFigures.objects.values_list(
                "application", "capacity", "leader_level", "studio_area")),
            "budget": sorted(BudgetFigure.objects.values_list(
                "application", "content", "source", "amount")),
            "training": sorted(TrainingFigure.objects.values_list(
                "application", "position", "year", "trainees", "high_skill"))}


def _save(app, key, data, by):
    version = Section.objects.filter(application=app, key=key).values_list(
        "version", flat=True).first() or 0
    return save_section(application=app, key=key, data=data, base_version=version, by=by)


def test_saving_the_budget_writes_its_twelve_amounts_and_a_change_rewrites_them(base_app, alice):
    _save(base_app, "t4_2", {"budget": demo_base.BUDGET}, alice)
    assert _budget(base_app) == {(c, s): D(v) for c, row in demo_base.BUDGET.items()
                                 for s, v in row.items()}
    changed = {**demo_base.BUDGET, "results": {"central": "55.50", "local": "", "industry": "0",
                                               "other": "1,000"}}
    _save(base_app, "t4_2", {"budget": changed}, alice)
    cells = _budget(base_app)
    assert len(cells) == 12
    assert (cells[("results", "central")], cells[("results", "local")],
            cells[("results", "industry")], cells[("results", "other")]) == (
        D("55.50"), None, D("0.00"), D("1000.00"))
    assert cells[("system", "central")] == D("120.00")


def test_eligibility_and_master_write_their_own_figures(base_app, studio_app, alice):
    _save(base_app, "eligibility", demo_base.ELIGIBILITY, alice)
    assert ApplicationFigures.objects.get(application=base_app).capacity == 5000
    assert _training(base_app) == [(1, 2022, 3800, 1200), (2, 2023, 4200, 1350),
                                   (3, 2024, 4600, 1500)]
    _save(studio_app, "master", demo_studio.MASTER, alice)
    figures = ApplicationFigures.objects.get(application=studio_app)
    assert (figures.leader_level, figures.studio_area, figures.capacity) == ("1", D("260.50"),
                                                                             None)
    _save(studio_app, "eligibility", demo_studio.ELIGIBILITY, alice)  # no 年培训规模 for a studio
    figures.refresh_from_db()
    assert (figures.leader_level, figures.studio_area, figures.capacity) == ("1", D("260.50"),
                                                                             None)


def test_a_rolled_back_save_leaves_the_figures_as_they_were(base_app, alice, bob):
    _save(base_app, "t4_2", {"budget": demo_base.BUDGET}, alice)
    before = _everything()
    other = {**demo_base.BUDGET, "system": {"central": "999.00", "local": "1.00",
                                            "industry": "1.00", "other": "1.00"}}
    with pytest.raises(RuntimeError), transaction.atomic():
        _save(base_app, "t4_2", {"budget": other}, alice)
        assert _budget(base_app)[("system", "central")] == D("999.00")   # same transaction
        raise RuntimeError("the request failed after the save")
    assert _everything() == before
    with pytest.raises(StaleSection):
        save_section(application=base_app, key="t4_2", data={"budget": other}, base_version=0,
                     by=alice)
    with pytest.raises(DomainError):
        _save(base_app, "t4_2", {"budget": {**other, "system": {"central": "很多"}}}, alice)
    assert _everything() == before


@pytest.mark.parametrize("value", ["", "   ", "abc", "1e3", "-5", "12.345", "1,00", None, True,
                                   [], {"x": 1}, "１２万元"])
def test_what_does_not_read_as_a_number_projects_as_null(base_app, value):
    budget = Section(application=base_app, key="t4_2",
                     data={"budget": {"system": {"central": value}, "capacity": value}})
    project(budget)
    assert set(_budget(base_app).values()) == {None}
    project(Section(application=base_app, key="eligibility",
                    data={"capacity": value, "training": [{"year": value, "trainees": value,
                                                           "high_skill": value}, value]}))
    assert ApplicationFigures.objects.get(application=base_app).capacity is None
    assert _training(base_app) == [(1, None, None, None), (2, None, None, None)]
    project(Section(application=base_app, key="master", data={"skill_level": value,
                                                              "area": value}))
    figures = ApplicationFigures.objects.get(application=base_app)
    assert (figures.leader_level, figures.studio_area) == (None, None)


def test_malformed_section_data_as_a_whole_never_crashes(base_app):
    for data in ({}, {"budget": "合计 300"}, {"budget": {"system": "x"}}, {"training": "三年"},
                 {"training": {"year": 2022}}, {"skill_level": "高级技师"}):
        for key in ("t4_2", "eligibility", "master"):
            project(Section(application=base_app, key=key, data=data))
    assert set(_budget(base_app).values()) == {None}
    assert _training(base_app) == []
    project(Section(application=base_app, key="t1_2", data={"background": "123"}))  # no figures


def test_fewer_training_rows_drop_the_ones_no_longer_there(base_app):
    rows = [{"year": 2022, "trainees": "3,800", "high_skill": "１２００"}] * 3
    project(Section(application=base_app, key="eligibility", data={"training": rows}))
    project(Section(application=base_app, key="eligibility", data={"training": rows[:1]}))
    assert _training(base_app) == [(1, 2022, 3800, 1200)]


def test_backfill_and_the_command_write_what_the_saves_wrote(base_app, studio_app, alice):
    _save(base_app, "t4_2", {"budget": demo_base.BUDGET}, alice)
    _save(base_app, "eligibility", demo_base.ELIGIBILITY, alice)
    _save(studio_app, "master", demo_studio.MASTER, alice)
    _save(studio_app, "eligibility", demo_studio.ELIGIBILITY, alice)
    live = _everything()
    assert len(live["budget"]) == 12 and len(live["training"]) == 3
    for model in (ApplicationFigures, BudgetFigure, TrainingFigure):
        model.objects.all().delete()
    assert backfill() == 4
    assert _everything() == live
    BudgetFigure.objects.update(amount=D("1.00"))   # out of step, e.g. after a bulk seed
    out = io.StringIO()
    call_command("project_figures", stdout=out)
    assert out.getvalue() == "已按 4 个栏目重新写入统计用数字。\n"
    assert _everything() == live


def _thousand_budgets(call, unit, user) -> list[Application]:
    apps = Application.objects.bulk_create([
        Application(call=call, unit=unit, kind=ProjectKind.BASE, category=Category.MANUFACTURING,
                    tier="A", status=ApplicationStatus.FORWARDED, reference=f"P-{n:05d}",
                    created_by=user) for n in range(1000)])
    BudgetFigure.objects.bulk_create([
        BudgetFigure(application=app, content=c, source=s,
                     amount=D(v) + D(n % 7) if n % 10 else None)
        for n, app in enumerate(apps) for c, row in demo_base.BUDGET.items()
        for s, v in row.items()], batch_size=4000)
    return apps


def _expected(call) -> Decimal:
    """The same sum read from JSON, as compute_budget reads one application's 表4-2."""
    total = D("0.00")
    for n in range(1000):
        if n % 10:
            grid = {c: {s: str(D(v) + D(n % 7)) for s, v in row.items()}
                    for c, row in demo_base.BUDGET.items()}
            total += compute_budget(grid)["grand_total"]
    return total


def test_a_thousand_budgets_are_summed_in_one_query(call, unit_a, alice,
                                                    django_assert_num_queries):
    _thousand_budgets(call, unit_a, alice)
    received = Application.objects.filter(call=call, status=ApplicationStatus.FORWARDED)
    with django_assert_num_queries(1):
        totals = budget_totals(received, call.level)
    assert totals["grand_total"] == _expected(call)
    system = next(r for r in totals["rows"] if r["key"] == "system")
    assert system["amounts"]["central"] == sum(D("120.00") + D(n % 7)
                                               for n in range(1000) if n % 10)
    assert sum(r["total"] for r in totals["rows"][1:]) == totals["grand_total"]
    assert sum(totals["rows"][0]["shares"].values()) == D("100.00")


def test_the_statistics_page_shows_the_sums_reading_the_budgets_once(client, call, unit_a, alice,
                                                                     rita):
    _thousand_budgets(call, unit_a, alice)
    cache.clear()
    client.force_login(rita)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("review:stats", args=[call.pk]))
    assert response.status_code == 200
    assert len([q for q in queries if "declare_budgetfigure" in q["sql"]]) == 1
    html = response.content.decode()
    assert "报送至自治区的项目共 1000 个。" in html
    assert f'<td class="rv-n">{_expected(call)}</td>' in html


def test_training_totals_sum_by_year(base_app, call, unit_b, alice):
    _save(base_app, "eligibility", demo_base.ELIGIBILITY, alice)
    other = submitted_application(call=call, unit=unit_b)
    project(Section(application=other, key="eligibility", data={
        "capacity": "1,200", "training": [{"year": 2024, "trainees": 100, "high_skill": ""}]}))
    totals = training_totals(Application.objects.filter(pk__in=[base_app.pk, other.pk]))
    assert totals == {"capacity": 6200, "reporting": 2, "years": [
        {"year": 2022, "trainees": 3800, "high_skill": 1200},
        {"year": 2023, "trainees": 4200, "high_skill": 1350},
        {"year": 2024, "trainees": 4700, "high_skill": 1500}]}


def test_annex2_and_its_budget_totals_equal_the_json_reading(call, recommender_x, ranked):  # noqa: F811
    a, b, studio = ranked
    for app, amount in ((a, "100.50"), (b, "20.25")):
        Section.objects.filter(application=app, key="t4_2").update(
            data={"budget": {"system": {"central": amount, "local": "1.00"}}})
    backfill()   # these sections were written around the save service
    _header, rows = annex2_rows(call, recommender_x, ProjectKind.STUDIO)
    level = ApplicationFigures.objects.get(application=studio).leader_level
    assert [r["leader_level"] for r in rows] == [SKILL_LABELS[level]] == ["一级/高级技师"]
    recommended = Application.objects.filter(kind=ProjectKind.BASE, pk__in=Recommendation.objects
                                             .filter(package__recommender=recommender_x)
                                             .values("application"))
    from_json = sum(compute_budget(s.data)["grand_total"]
                    for s in Section.objects.filter(application__in=[a, b], key="t4_2"))
    assert budget_totals(recommended)["grand_total"] == from_json == D("122.75")
