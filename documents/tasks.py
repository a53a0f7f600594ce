"""Celery tasks: take ids, fetch, call one service."""

from celery import shared_task

from . import liveness, queue, services


def run_with_retries(task, run, fail, object_id: int, message: str, retryable) -> None:
    """`run(object_id)`; a `retryable` error (database or disk hiccup) is retried after 2, 4,
    8 s, then `fail(object_id, message)`. Run in-process (eager: `make run` without Redis) there
    is no later, so it fails at once rather than raise Retry into the request. Shared with
    review.build_filing."""
    try:
        run(object_id)
    except retryable as exc:
        if task.request.is_eager or task.request.retries >= task.max_retries:
            fail(object_id, message)
            return
        raise task.retry(exc=exc, countdown=2 ** (task.request.retries + 1)) from exc


# acks_late + reject_on_worker_lost: a worker killed mid-render leaves the message
# unacknowledged, so it is delivered again and the job (left "running") runs once more.
# The job's state lives in PostgreSQL, so no result is stored (and a publish never waits on
# a result backend when Redis is down).
@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, ignore_result=True,
             max_retries=3, name="documents.render_job")
def render_job(self, job_id: int):
    run_with_retries(self, services.run_render_job, services.fail_job, job_id,
                     services.GENERIC_ERROR.format(id=job_id), services.RETRYABLE)


@shared_task(ignore_result=True, name="documents.requeue_pending")
def requeue_pending():
    """Beat: send the jobs that were saved while Redis was unreachable."""
    return queue.requeue_pending()


@shared_task(ignore_result=True, name="documents.fail_stale_jobs")
def fail_stale_jobs():
    """Beat: fail the running jobs whose process is gone (no heartbeat), so a new request
    renders afresh."""
    return liveness.fail_stale_jobs()
