"""Celery tasks: take ids, fetch, call one service."""

from celery import shared_task

from . import queue, services


# acks_late + reject_on_worker_lost: a worker killed mid-render leaves the message
# unacknowledged, so it is delivered again and the job (left "running") runs once more.
# The job's state lives in PostgreSQL, so no result is stored (and a publish never waits on
# a result backend when Redis is down).
@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, ignore_result=True,
             max_retries=3, name="documents.render_job")
def render_job(self, job_id: int):
    try:
        services.run_render_job(job_id)
    except services.RETRYABLE as exc:
        if self.request.retries >= self.max_retries:
            services.fail_job(job_id, services.GENERIC_ERROR.format(id=job_id))
            return
        raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 1)) from exc


@shared_task(ignore_result=True, name="documents.requeue_pending")
def requeue_pending():
    """Beat: send the jobs that were saved while Redis was unreachable."""
    return queue.requeue_pending()
