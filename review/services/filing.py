"""备案 (105号 四(四)): the reviewer asks for the package in the page, a Celery worker builds it
(one 附件3/附件4 PDF per listed project: seconds each), and only a whole package marks the call
已备案."""

import hashlib
import logging

from django.db import transaction
from django.utils import timezone

from calls.choices import CallStatus
from calls.models import Call
from core.errors import DomainError
from core.sealed import write_sealed
from documents.liveness import Watch
from documents.services import RETRYABLE

from .. import notices
from ..filing_queue import enqueue_filing
from ..models import Filing, FilingStatus, NoticeStatus, ObjectionStatus
from ..rules import can_review
from ..selectors import current_notice
from ..workflow import FILING
from .filing_archive import build_archive
from .notice import selected_items

logger = logging.getLogger(__name__)

# RETRYABLE (documents.services): a database or file system hiccup is worth another attempt;
# anything else fails the filing.
GENERIC_ERROR = ("备案材料包生成失败（任务编号 {id}），请点击“重新生成”再试；"
                 "如仍失败请联系系统管理员。")
FILED_REASON = "自治区复审完成，报人力资源社会保障部、财政部备案"
# The liveness of the build (documents.liveness, issue 14 §6): a building filing whose worker
# stopped stamping `heartbeat_at` is failed, found by the filing page and swept by the beat task
# review.fail_stale_filings; the reviewer may then start again. A filing still waiting for a
# worker (`started_at` empty) is not watched: the queue's requeue takes care of it.
BUILD = Watch(Filing, running=FilingStatus.BUILDING, since="started_at",
              fail="review.services.filing.fail_filing",
              lost=("备案材料包生成进程意外中断（任务编号 {id}），本次生成已终止，申报批次尚未备案。"
                    "请点击“重新生成”再试；如多次出现，请联系系统管理员。"),
              too_many=("备案材料包生成多次意外中断（任务编号 {id}），已停止重试，申报批次尚未备案。"
                        "请点击“重新生成”再试，或联系系统管理员。"))


def _refuse_unless_fileable(call) -> None:
    notice = current_notice(call)
    if notice is None or notice.status != NoticeStatus.CONFIRMED:
        raise DomainError("公示期满并确认名单后方可备案。")
    if notice.objections.filter(status=ObjectionStatus.OPEN).exists():
        raise DomainError("尚有异议未办结，不能备案。")


@transaction.atomic
def file_call(call, *, by) -> Filing:
    """Ask for the filing package; refused while anything is open, while a package is being
    built and once filed. A failed filing starts again, and so does one whose build lost its
    process (failed first, BUILD). The job is sent after commit."""
    call = type(call).objects.select_for_update().get(pk=call.pk)
    if not can_review(by, call):
        raise DomainError("您无权办理备案。")
    _refuse_unless_fileable(call)
    filing = Filing.objects.select_for_update().filter(call=call).first() or Filing(call=call)
    if filing.is_done:
        raise DomainError("本批次已备案。")
    if filing.pk and fail_if_lost(filing).is_building:
        raise DomainError("备案材料包正在生成，请稍候。")
    fresh = dict(progress=0, error="", attempts=0, enqueued_at=None, started_at=None,
                 heartbeat_at=None, finished_at=None, created_by=by)
    if filing.pk is None:
        for name, value in fresh.items():
            setattr(filing, name, value)
        filing.save()
        FILING.start(filing, by=by, payload={"filing": filing.pk})
    else:
        FILING.move(filing, "retry_filing", by=by, payload={"filing": filing.pk}, **fresh)
    transaction.on_commit(lambda: enqueue_filing(filing))
    return filing


def run_filing(filing_id: int) -> Filing | None:
    """Build the package of one filing (called by the Celery task). A filing no longer being
    built (done: a redelivered message) is left alone; retryable errors propagate to the task,
    every other error fails the filing with a message in Chinese and leaves the call unfiled."""
    with transaction.atomic():
        filing = Filing.objects.select_for_update().filter(pk=filing_id).first()
        if filing is None:
            logger.warning("filing %s vanished before it ran", filing_id)
            return None
        if not filing.is_building:
            return filing
        if BUILD.too_many_attempts(filing):
            return fail_filing(filing.pk, BUILD.too_many.format(id=filing.pk))
        now = timezone.now()
        filing.attempts, filing.progress, filing.started_at, filing.heartbeat_at = (
            filing.attempts + 1, 5, now, now)
        filing.save(update_fields=["attempts", "progress", "started_at", "heartbeat_at"])
    try:
        with BUILD.heartbeat(filing.pk):
            data, manifest = build_archive(filing.call, on_progress=_progress_of(filing.pk))
            digest = hashlib.sha256(data).hexdigest()
            name = write_sealed(f"review/filing/{filing.call.year}_{digest[:12]}.zip", data)
        return complete_filing(filing.pk, name=name, digest=digest, manifest=manifest)
    except RETRYABLE:
        raise
    except DomainError as exc:
        return fail_filing(filing.pk, exc.message)
    except Exception:
        logger.exception("filing %s failed", filing.pk)
        return fail_filing(filing.pk, GENERIC_ERROR.format(id=filing.pk))


def _progress_of(filing_id: int):
    """5 % once started, then 90 % spread over the projects' PDFs; 100 % only when done."""
    def report(done: int, total: int):
        Filing.objects.filter(pk=filing_id, status=FilingStatus.BUILDING).update(
            progress=5 + 90 * done // max(total, 1))
    return report


def complete_filing(filing_id: int, *, name: str, digest: str, manifest: list) -> Filing:
    """The whole zip is stored: the filing is done and the call 已备案 in one transaction, with
    the audit row and the notifications to every listed project."""
    with transaction.atomic():
        call = Call.objects.select_for_update().get(filing__pk=filing_id)  # file_call's lock order
        filing = Filing.objects.select_for_update().get(pk=filing_id)
        if not filing.is_building:
            return filing
        _refuse_unless_fileable(call)
        filing.archive.name = name
        FILING.move(filing, "file_call", by=filing.created_by, progress=100, error="",
                    sha256=digest, manifest=manifest, finished_at=timezone.now(),
                    payload={"sha256": digest})
        call.status = CallStatus.FILED
        call._change_reason = FILED_REASON
        call.save(update_fields=["status"])
        for item in selected_items(call):
            notices.filed(item.application)
        return filing


def fail_if_lost(filing: Filing | None) -> Filing | None:
    """The filing as the page shows it: one whose build lost its process is failed first."""
    if filing is not None and BUILD.is_stale(filing) and BUILD.fail_if_stale(filing.pk):
        filing.refresh_from_db()
    return filing


def fail_filing(filing_id: int, message: str) -> Filing | None:
    """The package could not be built: the call stays unfiled and the reviewer may start
    again (file_call accepts a failed filing)."""
    with transaction.atomic():
        filing = Filing.objects.select_for_update().filter(pk=filing_id).first()
        if filing is None or not filing.is_building:
            return filing
        FILING.move(filing, "filing_failed", by=None, error=message[:300],
                    finished_at=timezone.now(),
                    payload={"filing": filing.pk, "error": message[:300]})
        return filing
