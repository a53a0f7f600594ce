from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from calls.choices import ProjectKind
from core.errors import DomainError
from projects.choices import ProjectStatus, RevocationReason
from projects.models import Ban, FundsRecovery
from projects.selectors import public_projects
from projects.services import (
    apply_for_acceptance,
    decide_acceptance,
    record_evaluation,
    revoke_project,
)
from projects.workflow import PROJECT

from .test_projects_support import make_project, ready_for_acceptance

# verb → (from statuses, to status), read from the one table
TRANSITIONS = {a.name: (a.sources, a.target) for a in PROJECT if a.sources}
pytest_plugins = ["tests.test_projects_support"]
pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _accept(project, alice, rita):
    apply_for_acceptance(ready_for_acceptance(project, alice), by=alice)
    return decide_acceptance(project, by=rita, passed=True, findings="验收合格。",
                             decided_on=TODAY())


def test_every_status_has_a_way_in_or_is_the_start():
    targets = {target for _sources, target in TRANSITIONS.values()}
    assert set(ProjectStatus.values) - targets == {ProjectStatus.CONSTRUCTION}


def test_unit_applies_for_acceptance_and_the_event_names_the_actor(base_project, alice):
    project = apply_for_acceptance(ready_for_acceptance(base_project, alice), by=alice,
                                   comment="全部完成")
    assert project.status == ProjectStatus.AWAITING_ACCEPTANCE
    event = project.events.last()
    assert (event.action, event.actor, event.from_status, event.to_status, event.comment) == (
        "申请验收", alice, "construction", "awaiting_acceptance", "全部完成")


def test_only_the_unit_may_apply_for_acceptance(base_project, rex, bob):
    for user in (rex, bob):
        with pytest.raises(DomainError, match="只有项目建设单位可以申请验收"):
            apply_for_acceptance(base_project, by=user)


def test_acceptance_passed_publishes_and_numbers_the_plaque(base_project, alice, rita):
    project = _accept(base_project, alice, rita)
    assert project.status == ProjectStatus.ACCEPTED
    assert project.accepted_on == TODAY()
    assert project.plaque_number == f"JD{project.call.year}-{project.call.pk:03d}-001"
    assert list(public_projects()) == [project]


def test_plaque_numbers_count_per_call_and_kind(city_call, unit_a, unit_b, rita, alice, bob):
    first = _accept(make_project(city_call, unit_a, rita), alice, rita)
    second = _accept(make_project(city_call, unit_b, rita), bob, rita)
    studio = _accept(make_project(city_call, unit_b, rita, kind=ProjectKind.STUDIO), bob, rita)
    y, c = city_call.year, city_call.pk
    assert [first.plaque_number, second.plaque_number, studio.plaque_number] == [
        f"JD{y}-{c:03d}-001", f"JD{y}-{c:03d}-002", f"GZS{y}-{c:03d}-001"]


def test_acceptance_failed_needs_a_deadline_and_goes_to_rectification(base_project, alice, rita):
    apply_for_acceptance(ready_for_acceptance(base_project, alice), by=alice)
    with pytest.raises(DomainError, match="验收不合格时须填写整改期限"):
        decide_acceptance(base_project, by=rita, passed=False, findings="工位未改造完成",
                          decided_on=TODAY())
    due = TODAY() + timedelta(days=90)
    project = decide_acceptance(base_project, by=rita, passed=False, findings="工位未改造完成",
                                decided_on=TODAY(), rectification_due=due)
    assert (project.status, project.rectification_due) == (ProjectStatus.RECTIFYING, due)
    assert project.acceptances.get().passed is False
    assert list(public_projects()) == []


def test_after_rectification_the_unit_applies_again_and_may_pass(base_project, alice, rita):
    apply_for_acceptance(ready_for_acceptance(base_project, alice), by=alice)
    decide_acceptance(base_project, by=rita, passed=False, findings="未完成",
                      decided_on=TODAY(), rectification_due=TODAY() + timedelta(days=30))
    project = _accept(base_project, alice, rita)
    assert (project.status, project.rectification_due) == (ProjectStatus.ACCEPTED, None)
    assert [a.passed for a in project.acceptances.all()] == [False, True]


def test_acceptance_cannot_be_decided_before_the_unit_applies(base_project, rita):
    with pytest.raises(DomainError, match="项目当前状态为“建设中”，不能验收合格"):
        decide_acceptance(base_project, by=rita, passed=True, findings="合格",
                          decided_on=TODAY())


def test_the_recommender_may_not_decide_acceptance(base_project, alice, rex):
    apply_for_acceptance(ready_for_acceptance(base_project, alice), by=alice)
    with pytest.raises(DomainError, match="只有发文单位的审核人员或管理员可以组织验收"):
        decide_acceptance(base_project, by=rex, passed=True, findings="合格", decided_on=TODAY())


def test_revocation_recovers_funds_and_bans_the_unit_for_the_calls_years(base_project, rita):
    project = revoke_project(base_project, by=rita, reason=RevocationReason.FRAUD,
                             comment="获奖证书伪造")
    assert project.status == ProjectStatus.REVOKED
    recovery = FundsRecovery.objects.get(project=project)
    assert (recovery.amount, recovery.reason) == (Decimal("20.00"), "撤销称号：弄虚作假")
    ban = Ban.objects.get(unit=project.unit)
    today = TODAY()
    assert (ban.starts_on, ban.ends_on, ban.reason) == (
        today, today.replace(year=today.year + 3), "fraud")
    assert project.events.last().action == "撤销称号（弄虚作假）"


def test_an_accepted_title_can_still_be_revoked_and_leaves_the_public_list(base_project, alice,
                                                                          rita):
    _accept(base_project, alice, rita)
    revoke_project(base_project, by=rita, reason=RevocationReason.NO_TRAINING,
                   comment="验收后未开展培训", recovered_amount=Decimal("12.50"))
    assert list(public_projects()) == []
    assert FundsRecovery.objects.get().amount == Decimal("12.50")


def test_a_revoked_project_cannot_be_revoked_again(base_project, rita):
    revoke_project(base_project, by=rita, reason=RevocationReason.FRAUD, comment="伪造")
    with pytest.raises(DomainError, match="项目当前状态为“已撤销”"):
        revoke_project(base_project, by=rita, reason=RevocationReason.FRAUD, comment="伪造")


def test_recovery_cannot_exceed_the_funds(base_project, rita):
    with pytest.raises(DomainError, match="追回金额应在 0 至 20.00 万元之间"):
        revoke_project(base_project, by=rita, reason=RevocationReason.FRAUD, comment="伪造",
                       recovered_amount=Decimal("20.01"))


def test_staged_evaluation_records_grade_for_a_construction_year(base_project, rex):
    evaluation = record_evaluation(base_project, by=rex, kind="staged", stage=2,
                                   findings="第二年要点完成", grade="excellent",
                                   evaluated_on=date(2025, 6, 1))
    assert (evaluation.stage, evaluation.get_grade_display()) == (2, "优秀")
    with pytest.raises(DomainError, match="请选择评估阶段（建设期第1至第2年）"):
        record_evaluation(base_project, by=rex, kind="staged", stage=3, findings="x",
                          grade="pass", evaluated_on=date(2025, 6, 1))


def test_an_inspection_has_no_stage_and_the_unit_cannot_grade_itself(base_project, rex, alice):
    evaluation = record_evaluation(base_project, by=rex, kind="inspection", stage=1,
                                   findings="账目单独建账", grade="pass",
                                   evaluated_on=date(2025, 6, 1))
    assert evaluation.stage is None
    with pytest.raises(DomainError, match="只有主管部门或发文单位可以对建设中的项目检查评估"):
        record_evaluation(base_project, by=alice, kind="inspection", findings="自评",
                          grade="excellent", evaluated_on=date(2025, 6, 1))
