"""log_event(): the one event log of every workflow, export and personal-data read;
record() is its lower layer (also used for logins and permissions)."""

import ipaddress
import logging

from django.conf import settings

from .models import AuditLog, AuditResult

log = logging.getLogger("audit")


def client_ip(request) -> str | None:
    """The client's address, the one home of it (audit rows and django-axes lock-outs agree).

    Each of the TRUSTED_PROXY_COUNT reverse proxies in front of the app appends the address it
    received the connection from to X-Forwarded-For; everything left of those entries was
    written by the client and proves nothing. So the client is the right-most entry no trusted
    proxy wrote (REMOTE_ADDR when no proxy is trusted), and it must parse as an IP address:
    a missing, short or malformed header falls back to REMOTE_ADDR, never to an error."""
    if request is None:
        return None
    hops = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops.append(request.META.get("REMOTE_ADDR", ""))
    trusted = settings.TRUSTED_PROXY_COUNT
    candidates = [hops[-1 - trusted]] if len(hops) > trusted else []
    for candidate in (*candidates, hops[-1]):
        try:
            address = ipaddress.ip_address(candidate)
        except ValueError:
            continue
        if not getattr(address, "scope_id", None):  # "fe80::1%eth0" is no storable inet
            return str(address)
    return None


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
