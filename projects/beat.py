"""Celery beat entries of the projects app, merged into settings.CELERY_BEAT_SCHEDULE."""

from celery.schedules import crontab

SCHEDULE = {
    "projects-daily-reminders": {
        "task": "projects.send_reminders",
        "schedule": crontab(hour=7, minute=30),
    },
}
