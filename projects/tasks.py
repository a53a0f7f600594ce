import logging

from celery import shared_task
from django.utils import timezone

from .services import issue_reminders

log = logging.getLogger(__name__)


@shared_task(name="projects.send_reminders")
def send_reminders() -> int:
    """Daily (projects.beat): construction ending, evaluation due, acceptance due."""
    created = issue_reminders(timezone.localdate())
    log.info("projects reminders: %d new", len(created))
    return len(created)
