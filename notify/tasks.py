import logging
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings

from . import services

log = logging.getLogger(__name__)


@shared_task(name="notify.deliver", bind=True, max_retries=None)
def deliver(self, notification_id: int) -> bool:
    """One notification's e-mail; an SMTP failure (refused, unreachable) is tried again
    later, with longer waits (settings.NOTIFY_EMAIL_RETRY_SECONDS), then given up on (the
    in-app message stays). In-process mode (no worker) does not retry: it logs."""
    try:
        return services.deliver_email(notification_id)
    except (SMTPException, OSError) as exc:
        waits = settings.NOTIFY_EMAIL_RETRY_SECONDS
        attempt = self.request.retries
        if self.request.is_eager or attempt >= len(waits):
            log.error("notification %s: e-mail not sent (%s), attempt %d", notification_id,
                      exc, attempt + 1)
            return False
        log.warning("notification %s: e-mail failed (%s), retry %d in %ss", notification_id,
                    exc, attempt + 1, waits[attempt])
        raise self.retry(exc=exc, countdown=waits[attempt]) from exc


@shared_task(name="notify.requeue_emails")
def requeue_emails() -> int:
    """Every few minutes (notify.beat): e-mails saved while the broker was unreachable."""
    return services.requeue_emails()
