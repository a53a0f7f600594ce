"""Celery beat entries of the notify app, merged into settings.CELERY_BEAT_SCHEDULE."""

SCHEDULE = {
    "notify-requeue-emails": {
        "task": "notify.requeue_emails",
        "schedule": 300.0,
    },
}
