"""Celery beat entry of the backups app, merged into settings.CELERY_BEAT_SCHEDULE: the nightly
backup, on the `backups` queue, which only the worker holding the owner's database password
consumes (docker-compose service `backup`)."""

from celery.schedules import crontab

QUEUE = "backups"


def schedule(hour: int, minute: int) -> dict:
    return {"backups-nightly": {"task": "backups.make_backup",
                                "schedule": crontab(hour=hour, minute=minute),
                                "options": {"queue": QUEUE}}}
