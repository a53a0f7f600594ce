"""The review record shared by the review services (notifications: notify.services.send)."""

from audit.models import AuditAction
from audit.services import log_event

from ..models import ReviewEvent


def log(call, *, by, action: str, subject: str, payload: dict | None = None) -> ReviewEvent:
    """A review record entry that changes no workflow state (panel members, assignments, a
    receipt, …), written to the one event log too."""
    event = ReviewEvent.objects.create(call=call, actor=by, action=action, subject=subject,
                                       payload=payload or {})
    log_event(call, by, AuditAction.CHANGE, step=action, subject=subject, payload=payload or {})
    return event
