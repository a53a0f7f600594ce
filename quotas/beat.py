"""Celery beat entries of the quotas app, merged into settings.CELERY_BEAT_SCHEDULE."""

from celery.schedules import crontab

SCHEDULE = {
    "quotas-deadline-reminders": {
        "task": "quotas.remind_deadlines",
        "schedule": crontab(hour=8, minute=0),
    },
}
