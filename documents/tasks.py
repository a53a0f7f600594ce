"""Celery tasks: take ids, fetch, call one service."""

from celery import shared_task

from . import services


@shared_task(bind=True, acks_late=True, max_retries=3, name="documents.render_job")
def render_job(self, job_id: int):
    try:
        services.run_render_job(job_id)
    except services.RETRYABLE as exc:
        if self.request.retries >= self.max_retries:
            services.fail_job(job_id, services.GENERIC_ERROR.format(id=job_id))
            return
        raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 1)) from exc
