"""The demo's review stage (review.demo_scoring): a call whose 包头市 package was forwarded and
received, a base panel scoring with the conflicts honoured and one project scored, a studio
panel closed; the other stages of the demo stay where they were; a second run changes nothing."""

import pytest
from django.core.management import call_command

from calls.models import Call
from declare.models import Application, ApplicationStatus
from review.conflicts import conflict_map
from review.demo_scoring import CALL_REVIEW, CONFLICT_REASON
from review.models import Assignment, ConflictDeclaration, Panel, PanelStatus, ScoreSheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    return Call.objects.get(doc_number=CALL_REVIEW)


def _state(call):
    return {
        "apps": sorted(Application.objects.filter(call=call).values_list("reference", "status")),
        "assignments": sorted(Assignment.objects.filter(panel__call=call).values_list(
            "application__reference", "expert__user__username")),
        "sheets": sorted(ScoreSheet.objects.filter(assignment__panel__call=call).values_list(
            "assignment__application__reference", "assignment__expert__user__username",
            "status", "total")),
        "panels": sorted(Panel.objects.filter(call=call).values_list("kind", "status")),
    }


def test_the_package_was_forwarded_received_and_is_in_review(demo):
    assert sorted(Application.objects.filter(call=demo).values_list("reference", "status")) == [
        ("2025-GZ-0003", ApplicationStatus.ACCEPTED), ("2025-JD-0008", ApplicationStatus.ACCEPTED),
        ("2025-JD-0009", ApplicationStatus.ACCEPTED), ("2025-JD-0010", ApplicationStatus.ACCEPTED)]
    assert sorted(Panel.objects.filter(call=demo).values_list("kind", "status")) == [
        ("base", PanelStatus.SCORING), ("studio", PanelStatus.CLOSED)]


def test_no_assignment_breaks_a_conflict_and_the_declared_one_is_honoured(demo):
    declared = ConflictDeclaration.objects.get(application__call=demo)
    assert (declared.expert.user.username, declared.application.reference,
            declared.reason) == ("expert1", "2025-JD-0010", CONFLICT_REASON)
    for panel in Panel.objects.filter(call=demo):
        experts = [m.expert for m in panel.members.all()]
        apps = list(Application.objects.filter(call=demo, kind=panel.kind))
        conflicts = conflict_map(experts, apps)
        assert not [a for a in panel.assignments.all()
                    if (a.application_id, a.expert_id) in conflicts]
    base = Assignment.objects.filter(panel__call=demo, panel__kind="base")
    assert sorted(base.filter(expert__user__username="expert1")
                  .values_list("application__reference", flat=True)) == ["2025-JD-0008"]
    assert not base.filter(expert__user__username="expert2").exists()   # 同一推荐地区
    assert sorted(base.values_list("application__reference", flat=True)) == \
        ["2025-JD-0008"] * 5 + ["2025-JD-0009"] * 5 + ["2025-JD-0010"] * 5


def test_one_base_project_and_the_studio_are_scored(demo):
    sheets = ScoreSheet.objects.filter(assignment__panel__call=demo, status="submitted")
    assert sorted(sheets.values_list("assignment__application__reference", flat=True)) == \
        ["2025-GZ-0003"] * 5 + ["2025-JD-0009"] * 5
    assert not ScoreSheet.objects.filter(assignment__panel__call=demo).exclude(
        status="submitted").exists()


def test_a_second_seed_changes_nothing_in_the_review_stage(demo):
    before = _state(demo)
    call_command("seed_demo")
    assert _state(demo) == before
