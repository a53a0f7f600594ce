"""Celery beat entries of the declare app, merged into settings.CELERY_BEAT_SCHEDULE."""

from celery.schedules import crontab

SCHEDULE = {
    "declare-purge-uploads": {
        "task": "declare.purge_uploads",
        "schedule": crontab(hour=3, minute=15),
    },
}
