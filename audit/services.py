"""log_event(): the one event log of every workflow, export and personal-data read;
record() is its lower layer (also used for logins and permissions)."""

import logging

from .models import AuditLog, AuditResult

log = logging.getLogger("audit")


def client_ip(request) -> str | None:
    if request is None:
        return None
    # Behind the reverse proxy the left-most X-Forwarded-For is the client (proxy sets it).
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return (forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR")) or None


def record(action: str, *, actor=None, obj=None, result: str = AuditResult.SUCCESS,
           request=None, actor_name: str = "", **detail) -> AuditLog:
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    entry = AuditLog.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=actor_name or (actor.get_username() if actor is not None
                                  and actor.is_authenticated else ""),
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        result=result,
        ip=client_ip(request),
        detail=detail,
    )
    log.info("audit %s %s %s %s", entry.actor_name, action, entry.object_repr, result)
    return entry


def log_event(obj, actor, action: str, *, before=None, after=None, reason: str = "",
              request=None, **detail) -> AuditLog:
    """One row of the event log: who did `action` (AuditAction) to obj, from which state to
    which (transitions), why. Every workflow's move, every export, every read of unmasked
    personal data (PDF renders included) and every material download is written here."""
    if before is not None:
        detail["before"] = before
    if after is not None:
        detail["after"] = after
    if reason:
        detail["reason"] = reason
    return record(action, actor=actor, obj=obj, request=request, **detail)
