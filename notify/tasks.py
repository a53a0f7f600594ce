import logging
from smtplib import SMTPException

from celery import shared_task

from . import services

log = logging.getLogger(__name__)

RETRY_SECONDS = (60, 300, 900, 3600, 3 * 3600)


@shared_task(name="notify.deliver", bind=True, max_retries=len(RETRY_SECONDS))
def deliver(self, notification_id: int) -> bool:
    """One notification's e-mail; an SMTP failure (refused, unreachable) is tried again
    later, with longer waits."""
    try:
        return services.deliver_email(notification_id)
    except (SMTPException, OSError) as exc:
        log.warning("notification %s: e-mail failed (%s), retry %d", notification_id, exc,
                    self.request.retries + 1)
        wait = RETRY_SECONDS[min(self.request.retries, len(RETRY_SECONDS) - 1)]
        raise self.retry(exc=exc, countdown=wait) from exc


@shared_task(name="notify.requeue_emails")
def requeue_emails() -> int:
    """Every few minutes (notify.beat): e-mails saved while the broker was unreachable."""
    return services.requeue_emails()
