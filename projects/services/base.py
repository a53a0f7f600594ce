"""Shared pieces of the project services: the domain error, locking, the one move."""

from django.db import transaction

from core.errors import DomainError

from ..models import Project, ProjectEvent
from ..workflow import PROJECT


def require(condition: bool, message: str, *, field: str | None = None) -> None:
    if not condition:
        raise DomainError(message, field=field)


def lock(project: Project) -> Project:
    """The project row, locked for the rest of the transaction."""
    return Project.objects.select_for_update().select_related("call", "unit").get(pk=project.pk)


def log(project: Project, *, by, action: str, comment: str = "",
        payload: dict | None = None) -> ProjectEvent:
    """A timeline entry that changes no status (登记支出, 核准变更, …), audited too."""
    return PROJECT.note(project, action, by=by, reason=comment, payload=payload)


def move(project: Project, verb: str, *, by, label: str = "", comment: str = "",
         payload: dict | None = None, **changes) -> Project:
    """Lock the project and move it by `verb` of projects.workflow.PROJECT (check, change,
    save, timeline and audit log). Must run inside the caller's transaction; `changes` are
    further fields to set; `label` words this occurrence on the timeline."""
    assert transaction.get_connection().in_atomic_block
    locked = lock(project)
    PROJECT.move(locked, verb, by=by, reason=comment, payload=payload, label=label, **changes)
    return locked
