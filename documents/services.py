"""Render jobs: request (cached by content), run (in the Celery worker), store atomically."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.utils import timezone

from core.errors import DomainError
from core.sealed import write_sealed
from declare.reading import masks_personal_data
from verify.models import DocumentKind
from verify.services import issue

from . import liveness, producers, queue
from .models import LIVE_STATUSES, TRANSITIONS, RenderJob, RenderKind, RenderStatus

log = logging.getLogger(__name__)

# Worth another attempt (database or file system hiccup); anything else fails the job at once.
RETRYABLE = (OperationalError, InterfaceError, OSError)
EXTENSIONS = {RenderKind.FORM: "pdf", RenderKind.BUNDLE: "pdf", RenderKind.SUMMARY_XLSX: "xlsx",
              RenderKind.SUMMARY_PDF: "pdf", RenderKind.PLAQUE: "pdf", RenderKind.REPORT: "pdf",
              RenderKind.NOTICE: "pdf"}
GENERIC_ERROR = "文档生成失败（任务编号 {id}），请稍后重试；如仍失败请联系系统管理员。"


def request_application_document(*, application, kind: str, by) -> RenderJob:
    """Queue 附件3/附件4 (kind "form") or the print-ready bundle ("bundle") of `application`,
    or return the job that already rendered (or is rendering) exactly this content. `by` gets
    the rendering its pages show: masked unless it may read personal data in full
    (declare.reading.masks_personal_data), each cached under its own key."""
    if kind not in (RenderKind.FORM, RenderKind.BUNDLE):
        raise DomainError("不支持的文档类型。")
    masked = masks_personal_data(by, application)
    digest = producers.fingerprint(producers.application_payload(application, kind,
                                                                 masked=masked))
    suffix = "打印合订本" if kind == RenderKind.BUNDLE else producers.FORM_NAMES[application.kind][0]
    suffix += "（脱敏）" if masked else ""
    return _request(kind=kind, content_hash=digest, application=application, by=by,
                    params={"masked": masked}, download_name=f"{application.reference} {suffix}.pdf")


def request_summary(*, call, recommender, kind: str, fmt: str, by) -> RenderJob:
    """Queue 附件2-1/2-2 of one recommender, or of all recommenders (recommender None: every
    recommender in 附件1's order), as xlsx or pdf; cached by the rows they are made from."""
    if fmt not in ("xlsx", "pdf"):
        raise DomainError("不支持的导出格式。")
    job_kind = RenderKind.SUMMARY_XLSX if fmt == "xlsx" else RenderKind.SUMMARY_PDF
    digest = producers.fingerprint({"call": call.pk, "recommender": getattr(recommender, "pk", 0),
                                    **producers.summary_payload(call, recommender, kind, fmt)})
    return _request(kind=job_kind, content_hash=digest, call=call, recommender=recommender,
                    by=by, params={"kind": kind},
                    download_name=producers.summary_name(recommender, kind, fmt))


def request_plaque(*, project, context: dict, by) -> RenderJob:
    """Queue the plaque certificate (牌匾) of `project` from the plain `context` that
    projects.plaque built, or return the job that already rendered exactly this context."""
    return _request(kind=RenderKind.PLAQUE, content_hash=producers.plaque_fingerprint(context),
                    project=project, by=by, params={"ctx": context},
                    download_name=f"plaque-{context['number']}.pdf")


def request_report(*, package, context: dict, by) -> RenderJob:
    """Queue the printable 推荐报告 of a recommender's package from the plain `context` that
    quotas.report_print built (to be signed, sealed, scanned and uploaded), or return the job
    that already rendered exactly this context. Who may see the job: as for its 附件2."""
    return _request(kind=RenderKind.REPORT, content_hash=producers.report_fingerprint(context),
                    call=package.call, recommender=package.recommender, by=by,
                    params={"ctx": context},
                    download_name=f"推荐报告 {package.recommender.label}.pdf")


def request_notice(*, notice, context: dict, by) -> RenderJob:
    """Queue the printable 公示 of `notice` from the plain `context` that review.notice_print
    built, or return the job that already rendered exactly this context. Who may see the job:
    the call's issuer (documents.selectors.access_job, as for the all-region 附件2)."""
    return _request(kind=RenderKind.NOTICE, content_hash=producers.notice_fingerprint(context),
                    call=notice.call, by=by, params={"ctx": context},
                    download_name=f"公示 {notice.call.year}年{notice.call.get_level_display()}.pdf")


def _request(*, kind, content_hash, by, download_name, **fields) -> RenderJob:
    existing = _live_job(kind, content_hash)
    if existing is not None:
        return queue.resend_if_waiting(existing)
    _check_rate(by)
    try:
        with transaction.atomic():
            job = RenderJob.objects.create(kind=kind, content_hash=content_hash, created_by=by,
                                           download_name=download_name, **fields)
    except IntegrityError:  # the same request won the race a moment ago
        return _live_job(kind, content_hash)
    transaction.on_commit(lambda: queue.enqueue(job))
    return job


def _check_rate(user) -> None:
    """Rendering is the expensive export: each account may start a bounded number of NEW renders
    per window (unchanged content is served from the cache above and never counts). Counted in
    PostgreSQL, so the limit holds across web nodes and while Redis is down."""
    count, seconds = settings.RENDER_RATE_LIMIT
    if user is None or count <= 0:
        return
    since = timezone.now() - timedelta(seconds=seconds)
    if RenderJob.objects.filter(created_by=user, created_at__gte=since).count() >= count:
        raise DomainError(f"生成文件过于频繁：每 {seconds // 60} 分钟最多生成 {count} 份新文件，"
                          "请稍后再试（内容未变化的文件可直接下载）。")


def _live_job(kind, content_hash) -> RenderJob | None:
    job = RenderJob.objects.filter(kind=kind, content_hash=content_hash,
                                   status__in=LIVE_STATUSES).first()
    if job and job.status == RenderStatus.DONE and not (
            job.file and default_storage.exists(job.file.name)):
        fail_job(job.pk, "生成的文件已不存在，请重新生成。")
        return None
    if job and liveness.is_stale(job) and liveness.fail_if_stale(job.pk):
        return None
    return job


def _transition(job: RenderJob, to: str, **changes) -> RenderJob:
    if to not in TRANSITIONS[RenderStatus(job.status)]:
        raise DomainError(f"任务状态不能从“{job.get_status_display()}”变为“{RenderStatus(to).label}”。")
    for key, value in {"status": to, **changes}.items():
        setattr(job, key, value)
    job.save()
    return job


def run_render_job(job_id: int) -> RenderJob | None:
    """Render one job (called by the Celery task). A job whose content changed since it was
    queued fails rather than file new content under the old hash; retryable errors propagate
    to the task, every other error fails the job with a message in Chinese."""
    with transaction.atomic():
        job = RenderJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None:
            log.warning("render job %s vanished before it ran", job_id)
            return None
        if job.is_finished:
            return job
        if liveness.too_many_attempts(job):
            return fail_job(job.pk, liveness.TOO_MANY.format(id=job.pk))
        _transition(job, RenderStatus.RUNNING, attempts=job.attempts + 1, progress=5,
                    heartbeat_at=timezone.now())
    try:
        with liveness.heartbeat(job.pk):
            data = _produce(job)
            name = store_atomically(job, data)
    except RETRYABLE:
        raise
    except DomainError as exc:
        return fail_job(job.pk, str(exc))
    except Exception:
        log.exception("render job %s failed", job.pk)
        return fail_job(job.pk, GENERIC_ERROR.format(id=job.pk))
    with transaction.atomic():
        job = RenderJob.objects.select_for_update().get(pk=job.pk)
        if job.status == RenderStatus.FAILED:  # judged dead meanwhile; a new job took over
            return job
        return _transition(job, RenderStatus.DONE, file=name, size=len(data), progress=100,
                           finished_at=timezone.now(), error="")


def _produce(job: RenderJob) -> bytes:
    progress = _progress_callback(job.pk)
    if job.kind == RenderKind.PLAQUE:
        return producers.plaque_pdf(job.params["ctx"])
    if job.kind == RenderKind.REPORT:  # to be signed, sealed and scanned: every page coded
        return issue(producers.report_pdf(job.params["ctx"]), kind=DocumentKind.REPORT,
                     title=_title(job), call=job.call, recommender=job.recommender,
                     render_job=job)
    if job.kind == RenderKind.NOTICE:  # posted and filed on paper: every page coded
        return issue(producers.notice_pdf(job.params["ctx"]), kind=DocumentKind.NOTICE,
                     title=_title(job), call=job.call, render_job=job)
    if job.kind in (RenderKind.FORM, RenderKind.BUNDLE):
        app, masked = job.application, job.masked
        payload = producers.application_payload(app, job.kind, masked=masked)
        if producers.fingerprint(payload) != job.content_hash:
            raise DomainError("申报内容在排队期间已变更，请重新生成。")
        progress(20)
        if job.kind == RenderKind.FORM:
            data = producers.form_pdf(app, masked=masked)
        else:
            data = producers.bundle_pdf(app, masked=masked, on_progress=progress)
        return issue(data, kind=job.kind, title=_title(job), application=app, render_job=job)
    data, _name = producers.summary_file(job.call, job.recommender, job.params["kind"],
                                         EXTENSIONS[job.kind])
    if job.kind == RenderKind.SUMMARY_PDF:
        return issue(data, kind=DocumentKind.SUMMARY, title=_title(job), call=job.call,
                     recommender=job.recommender, render_job=job)
    return data


def _title(job: RenderJob) -> str:
    return job.download_name.rsplit(".", 1)[0]


def _progress_callback(job_id: int):
    def report(value: int):
        RenderJob.objects.filter(pk=job_id, status=RenderStatus.RUNNING).update(
            progress=max(0, min(99, int(value))))
    return report


def fail_job(job_id: int, message: str) -> RenderJob | None:
    with transaction.atomic():
        job = RenderJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status == RenderStatus.FAILED:
            return job
        job.status, job.error, job.finished_at = RenderStatus.FAILED, message[:300], timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        return job


def store_atomically(job: RenderJob, data: bytes) -> str:
    """The rendering under its content hash, sealed (core.sealed.write_sealed: atomic)."""
    name = (f"documents/renders/{job.content_hash[:2]}/"
            f"{job.content_hash}-{job.kind}.{EXTENSIONS[job.kind]}")
    return write_sealed(name, data)
