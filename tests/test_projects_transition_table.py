"""Every verb of projects.workflow.PROJECT from every status, through its service: allowed
moves land on the table's target and are logged; every other one is refused in Chinese and
changes nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.errors import DomainError
from projects.choices import ChangeKind, ProjectStatus
from projects.models import Project
from projects.services import (
    apply_for_acceptance,
    approve_change,
    decide_acceptance,
    request_change,
    revoke_project,
)
from projects.workflow import PROJECT

from .test_projects_support import ready_for_acceptance

# verb → (from statuses, to status), read from the one table
TRANSITIONS = {a.name: (a.sources, a.target) for a in PROJECT if a.sources}

pytest_plugins = ["tests.test_projects_support"]
pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _dissolve(project, alice, rita):
    change = request_change(project, by=alice, kind=ChangeKind.DISSOLVE, reason="单位撤销")
    return lambda p: approve_change(change, by=rita, comment="同意")


def _services(project, alice, rita):
    """verb → a call that performs it on the project (prepared while it is under construction)."""
    terminate = _dissolve(project, alice, rita)
    ready_for_acceptance(project, alice)
    return {
        "apply_for_acceptance": lambda p: apply_for_acceptance(p, by=alice),
        "accept": lambda p: decide_acceptance(p, by=rita, passed=True, findings="合格",
                                              decided_on=TODAY()),
        "require_rectification": lambda p: decide_acceptance(
            p, by=rita, passed=False, findings="未完成", decided_on=TODAY(),
            rectification_due=TODAY() + timedelta(days=30)),
        "revoke": lambda p: revoke_project(p, by=rita, reason="fraud", comment="伪造材料"),
        "terminate": terminate,
    }


CASES = [(verb, status) for verb in TRANSITIONS for status in ProjectStatus.values]


def test_the_cases_cover_every_verb_and_status():
    assert len(CASES) == len(TRANSITIONS) * len(ProjectStatus.values) == 30


@pytest.mark.parametrize(("verb", "status"), CASES)
def test_a_verb_moves_only_from_its_allowed_statuses(base_project, alice, rita, verb, status):
    run = _services(base_project, alice, rita)[verb]
    Project.objects.filter(pk=base_project.pk).update(status=status)
    events = base_project.events.count()
    sources, target = TRANSITIONS[verb]
    if status in sources:
        run(Project.objects.get(pk=base_project.pk))
        event = base_project.events.exclude(from_status="").last()
        assert (event.from_status, event.to_status) == (status, target)
        assert Project.objects.get(pk=base_project.pk).status == target
    else:
        with pytest.raises(DomainError) as exc:
            run(Project.objects.get(pk=base_project.pk))
        assert exc.value.message.startswith(("项目当前状态为", "项目已不在建设期内"))
        assert Project.objects.get(pk=base_project.pk).status == status
        assert base_project.events.count() == events
