"""The one home of notifications (issue 15 §5): every party that must act on or know about
an event gets an in-app message at once and, when it has an address, an e-mail sent by the
worker after the transaction commits, so a rolled-back action tells nobody and a slow or
absent mail server never holds a request. The unread count in the navigation bar is a
per-user counter cached in Redis, forgotten on every send and read."""

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from documents.queue import send_all_unsent, send_unsent

from .models import Notification

log = logging.getLogger(__name__)

# Reminders before a deadline: a week ahead and the day before (our service level).
LEAD_DAYS = (7, 1)
SUBJECT = "【消息通知】{title}"
UNREAD_TTL = 24 * 3600
REQUEUE_DAYS = 3
# An e-mail still to be handed to the worker.
WAITING = {"emailed_at__isnull": True, "email_to__gt": ""}


def unread_key(user_id) -> str:
    """The cache key of the user's unread count (orgs.usercache reads it with the user's
    versions, in the same round trip, and hands it on with handed())."""
    return f"notify:unread:{user_id}"


_forgets = 0   # forget() calls in this process: a count read before one of them is not used


def handed(found: dict, user_id) -> tuple:
    """The unread count read with the user's versions at the start of the request (None when
    it was not in the cache), to hand on to unread_count()."""
    return found.get(unread_key(user_id)), _forgets


def send(users: Iterable, *, title: str, body: str, link: str = "", event: str = "",
         key: str = "") -> list[Notification]:
    """Tell each active user once: the message now, the e-mail after commit. With `key`,
    users who already got a message under that key get nothing (daily reminders)."""
    people = {u.pk: u for u in users if u is not None and u.is_active}
    if key:
        done = Notification.objects.filter(key=key, user_id__in=people)
        for user_id in done.values_list("user_id", flat=True):
            people.pop(user_id, None)
    rows = Notification.objects.bulk_create([
        Notification(user=u, title=title[:120], body=body, link=link[:200], event=event,
                     key=key, email_to=u.email or "") for u in people.values()])
    if rows:
        forget({r.user_id for r in rows})
        transaction.on_commit(lambda: _after_commit(rows))
    return rows


def _after_commit(rows: list[Notification]) -> None:
    """Queue the e-mails; after the first broker failure the rest wait for the beat task
    too, so a broker that is down costs the request one connection time-out, not one each."""
    for row in rows:
        if row.email_to and not enqueue_email(row):
            break


def enqueue_email(row: Notification) -> bool:
    """Hand the e-mail to the worker; with the broker down it waits in PostgreSQL for the
    notify.requeue_emails beat task (documents.queue's claim-then-publish)."""
    from .tasks import deliver

    return send_unsent(row, deliver, **WAITING)


def requeue_emails(now=None) -> int:
    """Send again what never reached the broker, for three days (then the address or the
    server is given up on; the in-app message stays)."""
    from .tasks import deliver

    since = (now or timezone.now()) - timedelta(days=REQUEUE_DAYS)
    return send_all_unsent(Notification, deliver, created_at__gt=since, **WAITING)


def deliver_email(notification_id: int) -> bool:
    """Send one notification's e-mail (the worker's job); False when there is nothing to
    send (no address, already sent, deleted). SMTP errors propagate, for the task's retry."""
    with transaction.atomic():
        row = (Notification.objects.select_for_update().filter(pk=notification_id, **WAITING)
               .first())
        if row is None:
            log.info("notification %s: no e-mail to send", notification_id)
            return False
        send_mail(SUBJECT.format(title=row.title), email_text(row),
                  settings.DEFAULT_FROM_EMAIL, [row.email_to], fail_silently=False)
        row.emailed_at = timezone.now()
        row.save(update_fields=["emailed_at"])
    return True


def email_text(row: Notification) -> str:
    text = row.body
    if row.link:
        text += f"\n\n请登录系统办理：{settings.SITE_URL}{row.link}"
    return text + "\n\n（本邮件由高技能人才建设项目申报评审系统自动发送，请勿直接回复。）"


# ---------------------------------------------------------------- reading
def notifications_of(user):
    return Notification.objects.filter(user=user)


def unread_count(user) -> int:
    """The badge: one cache read per page (the one orgs.usercache made with the user's
    versions in this request when no count was forgotten in this process since, else its own);
    the count query only after a change."""
    count, forgets = getattr(user, "unread_read", (None, None))
    if count is None or forgets != _forgets:
        count = cache.get(unread_key(user.pk))
    if count is None:
        count = notifications_of(user).filter(read_at__isnull=True).count()
        cache.set(unread_key(user.pk), count, UNREAD_TTL)
    return count


def forget(user_ids) -> None:
    """Drop the cached counts now and again after commit (a page counting in between saw the
    old rows), and a count this process read before is not used again."""
    global _forgets
    _forgets += 1
    keys = [unread_key(i) for i in user_ids]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def mark_read(user, *, notification_id: int | None = None) -> int:
    """Mark one of the user's messages (or all of them) read; returns how many changed."""
    rows = notifications_of(user).filter(read_at__isnull=True)
    if notification_id is not None:
        rows = rows.filter(pk=notification_id)
    changed = rows.update(read_at=timezone.now())
    forget([user.pk])
    return changed


def due_in(deadline_day, today) -> int | None:
    """The lead day (7 or 1) when `deadline_day` is that many days after `today`."""
    left = (deadline_day - today).days
    return left if left in LEAD_DAYS else None
