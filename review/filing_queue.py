"""Sending the filing job to the worker without depending on the broker (the documents app's
claim-then-publish helpers): a filing saved while Redis is unreachable waits in PostgreSQL and
is sent again by the next look at the filing page or by the review.requeue_filings beat task."""

from datetime import timedelta

from documents.queue import send_all_unsent, send_unsent

from .models import Filing, FilingStatus

# A filing still to be sent: building and not yet picked up by a worker.
WAITING = {"status": FilingStatus.BUILDING, "started_at__isnull": True}
QUEUE_DOWN = ("任务队列暂时不可用，备案材料包生成任务已保存并排队，服务恢复后将自动开始生成，"
              "请稍后回到本页查看，无需重复提交。")


def enqueue_filing(filing: Filing) -> bool:
    from .tasks import build_filing

    return send_unsent(filing, build_filing, **WAITING)


def is_waiting_for_broker(filing: Filing | None) -> bool:
    return (filing is not None and filing.is_building and filing.started_at is None
            and filing.enqueued_at is None)


def resend_if_waiting(filing: Filing | None) -> Filing | None:
    """The next look at a filing that never reached the broker sends it again."""
    if is_waiting_for_broker(filing):
        enqueue_filing(filing)
    return filing


def requeue_filings(*, lost_after: timedelta | None = None) -> int:
    from .tasks import build_filing

    return send_all_unsent(Filing, build_filing, lost_after=lost_after, **WAITING)
