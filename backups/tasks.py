import logging

from celery import shared_task

from core.errors import DomainError

from . import services

log = logging.getLogger(__name__)


@shared_task(name="backups.make_backup", acks_late=False)
def make_backup() -> str:
    """The scheduled backup; a refusal (no key, no pg_dump) is logged as an error, which the
    "backup older than 26 h" alert then reports (docs/operations.md)."""
    try:
        made = services.make_backup()
    except DomainError as exc:
        log.error("backup refused: %s", exc.message)
        raise
    log.info("backup written: %s (%d bytes)", made.path, made.path.stat().st_size)
    return str(made.path)
