from datetime import timedelta

import pytest
from django.utils import timezone

from calls.choices import CallLevel, ProjectKind
from core.dates import add_years
from core.errors import DomainError
from declare.eligibility.conditions import RULES, evaluate
from declare.models import ApplicationStatus
from declare.schema import chinese_date
from declare.services.workflow import submit_application
from projects.choices import RevocationReason
from projects.models import Project
from projects.services import apply_for_acceptance, decide_acceptance, revoke_project

from .factories import ApplicationFactory, CallFactory
from .test_declare_workflow_builders import complete_application
from .test_projects_support import make_project, ready_for_acceptance

pytest_plugins = ["tests.test_projects_support"]
pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _finding(app, rule_id):
    return next(f for f in evaluate(app) if f.rule_id == rule_id)


def _accepted(call, unit, by, unit_user, days_ago):
    project = make_project(call, unit, by, released_on=TODAY() - timedelta(days=900))
    apply_for_acceptance(ready_for_acceptance(project, unit_user), by=unit_user)
    project = decide_acceptance(project, by=by, passed=True, findings="合格",
                                decided_on=TODAY())
    Project.objects.filter(pk=project.pk).update(accepted_on=TODAY() - timedelta(days=days_ago))
    return project


def test_our_rules_are_registered_once_in_the_declare_registry():
    ids = [r.id for r in RULES if r.id.startswith("projects.")]
    assert ids == ["projects.ban", "projects.open_construction", "projects.reapply",
                   "projects.funded_above"]


def test_three_year_ban_blocks_a_new_submission(call, city_call, unit_a, alice, rita):
    revoke_project(make_project(city_call, unit_a, rita), by=rita,
                   reason=RevocationReason.FRAUD, comment="材料造假")
    app = complete_application(call=call, unit=unit_a, by=alice)
    until = add_years(TODAY(), 3)
    with pytest.raises(DomainError) as exc:
        submit_application(app, by=alice)
    assert f"资格预审“未被取消申报资格”不符合：本单位因“弄虚作假”被取消申报资格，{chinese_date(until)}前" \
           "不得申报培训基地和技能大师工作室建设项目" in exc.value.problems
    app.refresh_from_db()
    assert app.status == ApplicationStatus.DRAFT


def test_an_expired_ban_no_longer_blocks(call, city_call, unit_a, alice, rita):
    from projects.models import Ban

    revoke_project(make_project(city_call, unit_a, rita), by=rita,
                   reason=RevocationReason.FRAUD, comment="材料造假")
    Ban.objects.update(starts_on=TODAY() - timedelta(days=1200), ends_on=TODAY())
    app = complete_application(call=call, unit=unit_a, by=alice)
    assert _finding(app, "projects.ban").outcome == "pass"
    assert submit_application(app, by=alice).status == ApplicationStatus.SUBMITTED


def test_a_ban_of_another_unit_does_not_block(call, city_call, unit_a, unit_b, alice, rita):
    revoke_project(make_project(city_call, unit_b, rita), by=rita,
                   reason=RevocationReason.FRAUD, comment="材料造假")
    app = complete_application(call=call, unit=unit_a, by=alice)
    assert _finding(app, "projects.ban").reason == "本单位不在禁止申报名单内"


def test_open_national_project_blocks_this_years_application(call, unit_a, alice, rita):
    project = make_project(call, unit_a, rita, amount=100)
    app = ApplicationFactory(call=CallFactory(issuer=call.issuer), unit=unit_a)
    finding = _finding(app, "projects.open_construction")
    assert (finding.outcome, finding.reason) == (
        "fail", f"本单位的国家级培训基地建设项目仍在建设期内（建设期至 {project.period_end:%Y-%m-%d}），"
                "不参加当年申报")


def test_open_city_project_blocks_only_city_calls(city_call, call, unit_a, rita):
    make_project(city_call, unit_a, rita)
    national = ApplicationFactory(call=CallFactory(issuer=call.issuer), unit=unit_a)
    city = ApplicationFactory(call=CallFactory(issuer=call.issuer, level=CallLevel.CITY),
                              unit=unit_a)
    assert _finding(national, "projects.open_construction").outcome == "pass"
    assert _finding(city, "projects.open_construction").outcome == "fail"


@pytest.mark.parametrize(("days_ago", "outcome"), [(365 * 2 + 1, "pass"), (300, "fail")])
def test_city_reapplication_only_two_years_after_acceptance(city_call, region, unit_a, alice,
                                                             rita, days_ago, outcome):
    _accepted(city_call, unit_a, rita, alice, days_ago)
    new_call = CallFactory(issuer=region, level=CallLevel.CITY)
    finding = _finding(ApplicationFactory(call=new_call, unit=unit_a), "projects.reapply")
    assert finding.outcome == outcome
    if outcome == "pass":
        accepted_on = TODAY() - timedelta(days=days_ago)
        assert finding.reason == (f"本单位同类市级建设项目已于 {accepted_on:%Y-%m-%d} 验收合格满2年，"
                                  "可以再次申报")


def test_reapplication_reason_names_the_date_it_becomes_possible(city_call, region, unit_a,
                                                                 alice, rita):
    _accepted(city_call, unit_a, rita, alice, 100)
    accepted_on = TODAY() - timedelta(days=100)
    new_call = CallFactory(issuer=region, level=CallLevel.CITY)
    finding = _finding(ApplicationFactory(call=new_call, unit=unit_a), "projects.reapply")
    assert finding.reason == (f"本单位同类市级建设项目于 {accepted_on:%Y-%m-%d} 验收合格，未满2年，"
                              f"{add_years(accepted_on, 2):%Y-%m-%d} 起方可再次申报")


def test_reapply_rule_does_not_apply_to_national_calls(call, unit_a):
    app = ApplicationFactory(call=call, unit=unit_a)
    assert "projects.reapply" not in [f.rule_id for f in evaluate(app)]


def test_unit_funded_at_regional_level_or_above_may_not_apply_for_the_same_city_project(
        call, region, unit_a, rita):
    make_project(call, unit_a, rita, amount=100)
    city = CallFactory(issuer=region, level=CallLevel.CITY)
    same = ApplicationFactory(call=city, unit=unit_a, kind=ProjectKind.BASE)
    other = ApplicationFactory(call=city, unit=unit_a, kind=ProjectKind.STUDIO, tier="")
    finding = _finding(same, "projects.funded_above")
    assert (finding.outcome, finding.reason) == (
        "fail", "本单位已获评国家级培训基地建设项目并获得资金资助，不再申报市级同一建设项目")
    assert _finding(other, "projects.funded_above").outcome == "pass"


def test_one_evaluation_reads_the_units_records_once_for_all_four_rules(region, unit_a,
                                                                        monkeypatch):
    import projects.eligibility as rules

    reads = []
    real = rules.unit_records
    monkeypatch.setattr(rules, "unit_records", lambda unit_id: reads.append(unit_id)
                        or real(unit_id))
    app = ApplicationFactory(call=CallFactory(issuer=region, level=CallLevel.CITY), unit=unit_a)
    ids = [f.rule_id for f in evaluate(app) if f.rule_id.startswith("projects.")]
    assert len(ids) == 4
    assert reads == [unit_a.pk]
    evaluate(app)
    assert reads == [unit_a.pk, unit_a.pk]   # a new evaluation reads them again
