"""Audit rows and notifications shared by the review services."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction

from audit.models import AuditAction
from audit.services import log_event
from orgs.models import Membership
from orgs.roles import Role

from ..models import Notification, ReviewEvent


def log(call, *, by, action: str, subject: str, payload: dict | None = None) -> ReviewEvent:
    """A review record entry that changes no workflow state (panel members, assignments, a
    receipt, …), written to the one event log too."""
    event = ReviewEvent.objects.create(call=call, actor=by, action=action, subject=subject,
                                       payload=payload or {})
    log_event(call, by, AuditAction.CHANGE, step=action, subject=subject, payload=payload or {})
    return event


def stakeholders_of(application) -> list:
    """The applicant unit's users and its recommender's users (105号 按隶属关系逐级)."""
    User = get_user_model()
    unit = application.unit
    members = Membership.objects.filter(organisation=unit, role=Role.APPLICANT)
    if unit.parent_id:
        members = members | Membership.objects.filter(organisation_id=unit.parent_id,
                                                      role=Role.RECOMMENDER)
    return list(User.objects.filter(id__in=members.values("user_id"), is_active=True)
                .order_by("id"))


def notify(users, *, title: str, body: str, link: str = "") -> None:
    """In-app message now; e-mail after commit, so a rolled-back action sends nothing."""
    users = list(users)
    Notification.objects.bulk_create(
        [Notification(user=u, title=title, body=body, link=link) for u in users])
    recipients = sorted({u.email for u in users if u.email})
    if recipients:
        transaction.on_commit(lambda: send_mail(
            f"【复审通知】{title}", body, settings.DEFAULT_FROM_EMAIL, recipients,
            fail_silently=True))


def notify_outcome(application, *, title: str, body: str) -> None:
    notify(stakeholders_of(application), title=title, body=body)
