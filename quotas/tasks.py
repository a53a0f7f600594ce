import logging

from celery import shared_task
from django.utils import timezone

from .services import remind_deadlines

log = logging.getLogger(__name__)


@shared_task(name="quotas.remind_deadlines")
def send_deadline_reminders() -> int:
    """Daily (quotas.beat): packages not yet sent, 7 days and 1 day before their deadline."""
    count = remind_deadlines(timezone.localdate())
    log.info("package deadline reminders: %d packages", count)
    return count
