"""Celery beat entries of the documents app, merged into settings.CELERY_BEAT_SCHEDULE."""

SCHEDULE = {
    "documents-requeue-pending": {
        "task": "documents.requeue_pending",
        "schedule": 60.0,
    },
    "documents-fail-stale-jobs": {
        "task": "documents.fail_stale_jobs",
        "schedule": 60.0,
    },
}
