"""Shared pieces of the project services: the domain error, locking, the transition table."""

from django.db import transaction

from core.errors import DomainError

from ..choices import TRANSITIONS, ProjectStatus
from ..models import Project, ProjectEvent


def require(condition: bool, message: str, *, field: str | None = None) -> None:
    if not condition:
        raise DomainError(message, field=field)


def lock(project: Project) -> Project:
    """The project row, locked for the rest of the transaction."""
    return Project.objects.select_for_update().select_related("call", "unit").get(pk=project.pk)


def log(project: Project, *, by, action: str, from_status: str = "", to_status: str = "",
        comment: str = "", payload: dict | None = None) -> ProjectEvent:
    return ProjectEvent.objects.create(
        project=project, actor=by, action=action, from_status=from_status, to_status=to_status,
        comment=comment, payload=payload or {})


def move(project: Project, verb: str, *, by, action: str, comment: str = "",
         payload: dict | None = None, **changes) -> Project:
    """Lock, check `verb` is allowed from the current status, change, save and log.

    Must run inside the caller's transaction; `changes` are further fields to set.
    """
    assert transaction.get_connection().in_atomic_block
    locked = lock(project)
    sources, target = TRANSITIONS[verb]
    current = locked.status
    require(current in sources,
            f"项目当前状态为“{ProjectStatus(current).label}”，不能{action}。")
    locked.status = target
    for name, value in changes.items():
        setattr(locked, name, value)
    locked._change_reason = action
    locked.save()
    log(locked, by=by, action=action, from_status=current, to_status=target, comment=comment,
        payload=payload)
    return locked
