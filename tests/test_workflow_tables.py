"""Every action of every workflow table, from every state, on real rows.

Allowed: the row lands on the table's target, the workflow's own timeline gains one row, the
audit log one TRANSITION row (before, after, step, label); for the application the applicant's
timeline page shows the action's Chinese label. Refused: a DomainError in Chinese naming the
current state, and the row, its timeline and the audit log unchanged in the database.
"""

import re
from datetime import date

import pytest
from django.db import transaction
from django.urls import reverse

from audit.models import AuditAction, AuditLog
from calls.choices import Category, ProjectKind
from core.errors import DomainError
from declare.models import Application, ApplicationEvent, ApplicationStatus, EventAction
from declare.services.applications import create_application
from declare.workflow import APPLICATION, transition
from projects.models import ChangeRequest, ProjectEvent
from projects.workflow import CHANGE, PROJECT
from quotas.models import PackageEvent, RecommendationPackage
from quotas.workflow import PACKAGE
from review.models import (
    Assignment,
    Filing,
    Objection,
    Panel,
    PublicNotice,
    ReviewEvent,
    Rubric,
    ScoreSheet,
)
from review.workflow import FILING, NOTICE, OBJECTION, PANEL, SHEET

from .factories import ApplicationFactory, ExpertFactory, occupation

pytest_plugins = ["tests.test_projects_support"]
pytestmark = pytest.mark.django_db
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _cases(workflow):
    return [(a.name, s) for a in workflow for s in workflow.states.values]


def _audits(obj):
    return AuditLog.objects.filter(object_type=obj._meta.label, object_id=str(obj.pk),
                                   action=AuditAction.TRANSITION)


def _refused_message(workflow, state, name):
    return (f"{workflow.noun}当前状态为“{workflow.states(state).label}”，"
            f"不能{workflow.action(name).label}。")


def _walk(workflow, obj, name, state, *, by, timeline):
    """Put obj in `state` and try `name` through Workflow.move; check either outcome."""
    model = type(obj)
    model.objects.filter(pk=obj.pk).update(**{workflow.field: state})
    action = workflow.action(name)
    events, audits = timeline().count(), _audits(obj).count()
    fresh = model.objects.get(pk=obj.pk)
    if state in action.sources:
        with transaction.atomic():
            workflow.move(fresh, name, by=by, reason="按表测试")
        assert getattr(model.objects.get(pk=obj.pk), workflow.field) == action.target
        assert timeline().count() == events + 1
        row = _audits(obj).latest("id")
        assert (row.actor, row.detail["step"], row.detail["before"], row.detail["after"],
                row.detail["label"], row.detail["reason"]) == (
            by, name, state, action.target, action.label, "按表测试")
    else:
        with pytest.raises(DomainError) as exc, transaction.atomic():
            workflow.move(fresh, name, by=by)
        assert exc.value.message == _refused_message(workflow, state, name)
        assert CHINESE.search(exc.value.message)
        assert getattr(model.objects.get(pk=obj.pk), workflow.field) == state
        assert (timeline().count(), _audits(obj).count()) == (events, audits)


# ---------------------------------------------------------------- the application
def test_the_application_table_has_every_action_from_create_to_revoke_labelled_in_chinese():
    assert [a.name for a in APPLICATION] == [
        "create", "submit", "withdraw", "return", "recommend", "not_recommend",
        "undo_decision", "forward", "reopen", "accept", "approve", "reject", "reconsider",
        "revoke"]
    for action in APPLICATION:
        assert action.label == EventAction(action.name).label
        assert CHINESE.search(action.label), action.name
    assert APPLICATION.label("undo_decision") == "撤销初评结论"
    assert APPLICATION.label("reconsider") == "调整复审决定"


@pytest.mark.parametrize(("name", "state"), _cases(APPLICATION))
def test_every_application_action_from_every_state(client, call, unit_a, alice, rex, name,
                                                   state):
    app = ApplicationFactory(call=call, unit=unit_a, created_by=alice)
    Application.objects.filter(pk=app.pk).update(status=state)
    action = APPLICATION.action(name)
    events, audits = app.events.count(), _audits(app).count()
    if state in action.sources:
        transition(Application.objects.get(pk=app.pk), name, by=rex, comment="按表测试")
        assert Application.objects.get(pk=app.pk).status == action.target
        event = ApplicationEvent.objects.filter(application=app).latest("id")
        assert (event.action, event.from_status, event.to_status, event.actor,
                event.action_label) == (name, state, action.target, rex, action.label)
        row = _audits(app).latest("id")
        assert (row.detail["step"], row.detail["before"], row.detail["after"]) == (
            name, state, action.target)
        client.force_login(alice)
        page = client.get(reverse("declare:timeline", args=[app.pk])).content.decode()
        assert f"<strong>{action.label}</strong>" in page
        assert f"<strong>{name}</strong>" not in page
    else:
        with pytest.raises(DomainError) as exc:
            transition(Application.objects.get(pk=app.pk), name, by=rex)
        assert exc.value.message == _refused_message(APPLICATION, state, name)
        assert Application.objects.get(pk=app.pk).status == state
        assert (app.events.count(), _audits(app).count()) == (events, audits)


def test_a_refusal_names_the_state_and_the_action():
    app = Application(status=ApplicationStatus.FORWARDED)
    with pytest.raises(DomainError) as exc:
        APPLICATION.check(app, "undo_decision")
    assert exc.value.message == "申报当前状态为“推荐单位已报送”，不能撤销初评结论。"


def test_creating_an_application_writes_its_first_timeline_entry_and_audit_row(
        client, call, unit_a, alice):
    app = create_application(unit=unit_a, call=call, kind=ProjectKind.BASE,
                             category=Category.MANUFACTURING, tier="A",
                             occupations=[(occupation("6-18-01-01"), "")], by=alice)
    event = app.events.get()
    assert (event.action, event.from_status, event.to_status) == ("create", "", "draft")
    assert _audits(app).get().detail["step"] == "create"
    client.force_login(alice)
    page = client.get(reverse("declare:timeline", args=[app.pk])).content.decode()
    assert "<strong>创建申报</strong>" in page


# ---------------------------------------------------------------- the other workflows
@pytest.mark.parametrize(("name", "state"), _cases(PACKAGE))
def test_every_package_action_from_every_state(call, recommender_x, rita, name, state):
    package, _ = RecommendationPackage.objects.get_or_create(call=call, recommender=recommender_x)
    _walk(PACKAGE, package, name, state, by=rita,
          timeline=lambda: PackageEvent.objects.filter(package=package))


@pytest.mark.parametrize(("name", "state"), _cases(PROJECT))
def test_every_project_action_from_every_state(base_project, rita, name, state):
    _walk(PROJECT, base_project, name, state, by=rita,
          timeline=lambda: ProjectEvent.objects.filter(project=base_project))


@pytest.fixture
def panel(call):
    return Panel.objects.create(call=call, kind=ProjectKind.BASE, name="测试专家组")


@pytest.mark.parametrize(("name", "state"), _cases(PANEL))
def test_every_panel_action_from_every_state(panel, rita, name, state):
    _walk(PANEL, panel, name, state, by=rita,
          timeline=lambda: ReviewEvent.objects.filter(call=panel.call, subject=panel.name))


@pytest.mark.parametrize(("name", "state"), _cases(SHEET))
def test_every_score_sheet_action_from_every_state(panel, call, unit_a, alice, eve, rita, name,
                                                   state):
    app = ApplicationFactory(call=call, unit=unit_a, created_by=alice,
                             status=ApplicationStatus.ACCEPTED)
    expert = ExpertFactory(user=eve)
    rubric = Rubric.objects.create(call=call, kind=ProjectKind.BASE, version=1)
    assignment = Assignment.objects.create(panel=panel, application=app, expert=expert)
    sheet = ScoreSheet.objects.create(assignment=assignment, rubric=rubric)
    _walk(SHEET, sheet, name, state, by=eve,
          timeline=lambda: ReviewEvent.objects.filter(call=call, subject=app.reference))


@pytest.fixture
def notice(call, rita):
    return PublicNotice.objects.create(
        call=call, title="拟推荐名单的公示", body="名单", contact="张三 0471-1234567",
        starts_on=date(2025, 9, 1), working_days=5, ends_on=date(2025, 9, 5), published_by=rita)


@pytest.mark.parametrize(("name", "state"), _cases(NOTICE))
def test_every_notice_action_from_every_state(notice, rita, name, state):
    _walk(NOTICE, notice, name, state, by=rita,
          timeline=lambda: ReviewEvent.objects.filter(call=notice.call, subject=notice.title))


@pytest.mark.parametrize(("name", "state"), _cases(OBJECTION))
def test_every_objection_action_from_every_state(notice, rita, name, state):
    objection = Objection.objects.create(notice=notice, received_on=date(2025, 9, 2),
                                         name="李四", contact_encrypted="x", content="材料不实",
                                         recorded_by=rita)
    _walk(OBJECTION, objection, name, state, by=rita,
          timeline=lambda: ReviewEvent.objects.filter(call=notice.call,
                                                      subject=f"异议 #{objection.pk}"))


@pytest.mark.parametrize(("name", "state"), _cases(CHANGE))
def test_every_change_request_action_from_every_state(base_project, alice, rita, name, state):
    change = ChangeRequest.objects.create(project=base_project, kind="rename", reason="机构改革",
                                          requested_by=alice)
    _walk(CHANGE, change, name, state, by=rita,
          timeline=lambda: ProjectEvent.objects.filter(project=base_project))


@pytest.mark.parametrize(("name", "state"), _cases(FILING))
def test_every_filing_action_from_every_state(call, rita, name, state):
    filing = Filing.objects.create(call=call, created_by=rita)
    _walk(FILING, filing, name, state, by=rita,
          timeline=lambda: ReviewEvent.objects.filter(call=call, subject=call.title))


def test_every_table_labels_every_action_and_state_in_chinese():
    for workflow in (APPLICATION, PACKAGE, PROJECT, PANEL, SHEET, NOTICE, OBJECTION, CHANGE,
                     FILING):
        assert CHINESE.search(workflow.noun)
        for action in workflow:
            assert CHINESE.search(action.label), (workflow.noun, action.name)
            assert action.target in workflow.states.values
            assert set(action.sources) <= set(workflow.states.values)
        assert sum(1 for a in workflow if not a.sources) <= 1
