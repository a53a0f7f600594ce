"""Celery beat entries of the review app, merged into settings.CELERY_BEAT_SCHEDULE."""

SCHEDULE = {
    "review-requeue-filings": {
        "task": "review.requeue_filings",
        "schedule": 60.0,
    },
    "review-fail-stale-filings": {
        "task": "review.fail_stale_filings",
        "schedule": 60.0,
    },
}
