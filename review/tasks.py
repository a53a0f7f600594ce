"""Celery tasks of the review: take ids, fetch, call one service."""

from celery import shared_task

from documents.tasks import run_with_retries

from . import filing_queue
from .services import filing


# As documents.render_job: acks_late + reject_on_worker_lost redeliver the message of a worker
# killed mid-build (the filing, still "building", is built again; a done one is left alone).
@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, ignore_result=True,
             max_retries=3, name="review.build_filing")
def build_filing(self, filing_id: int):
    run_with_retries(self, filing.run_filing, filing.fail_filing, filing_id,
                     filing.GENERIC_ERROR.format(id=filing_id), filing.RETRYABLE)


@shared_task(ignore_result=True, name="review.requeue_filings")
def requeue_filings():
    """Beat: send the filings that were asked for while Redis was unreachable."""
    return filing_queue.requeue_filings()


@shared_task(ignore_result=True, name="review.fail_stale_filings")
def fail_stale_filings():
    """Beat: fail the filings whose build lost its process (no heartbeat), so the reviewer may
    start 备案 again."""
    return filing.BUILD.fail_stale()
