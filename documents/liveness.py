"""Is the process that renders a job still alive? (issue 14 §6)

While a job runs, a thread of the rendering process stamps `heartbeat_at` every
HEARTBEAT_EVERY; the stamp stops when the process is killed (OOM, a restart, a power cut),
in-process mode (a web worker rendering in the request) and Celery workers alike. A running job
whose stamp is older than `timeout()` has lost its process: it is failed with a message in
Chinese, so the next request for the same content makes a fresh job instead of waiting on a dead
one forever. Found by that next request (documents.services), shown on the job's page, and
swept every minute by the beat task documents.fail_stale_jobs.

A job whose render itself kills its process (a poison job) would be redelivered without end by
Celery's acks_late/reject_on_worker_lost; after MAX_ATTEMPTS starts it is failed instead.
"""

import logging
import threading
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import RenderJob, RenderStatus

log = logging.getLogger(__name__)

# Seconds without a heartbeat after which a running job's process counts as gone (the only
# default of RENDER_HEARTBEAT_TIMEOUT; the stamp is renewed four times within it).
DEFAULT_TIMEOUT_SECONDS = 120
# Starts of one job (first run, Celery retries of a database hiccup, redeliveries after a lost
# worker): the retries of documents.tasks.render_job take it to 4 at most.
MAX_ATTEMPTS = 5
LOST = ("文档生成进程意外中断（任务编号 {id}），本任务已终止。请重新生成；"
        "如多次出现，请检查上传的材料是否过大或联系系统管理员。")
TOO_MANY = ("文档生成多次意外中断（任务编号 {id}），已停止重试。请检查上传的材料"
            "（如图片分辨率过高）后重新生成，或联系系统管理员。")


def timeout() -> timedelta:
    return timedelta(seconds=getattr(settings, "RENDER_HEARTBEAT_TIMEOUT",
                                     DEFAULT_TIMEOUT_SECONDS))


def is_stale(job: RenderJob, now=None) -> bool:
    """A running job whose heartbeat (or, before the first one, whose creation) is older than
    the timeout."""
    if job.status != RenderStatus.RUNNING:
        return False
    last = job.heartbeat_at or job.created_at
    return last < (now or timezone.now()) - timeout()


@contextmanager
def heartbeat(job_id: int):
    """Stamp the job's heartbeat from a thread while the body renders. The thread has its own
    database connection, closed when it stops; a stamp that fails is logged and tried again."""
    stop = threading.Event()
    every = timeout().total_seconds() / 4

    def beat():
        try:
            while not stop.wait(every):
                try:
                    RenderJob.objects.filter(pk=job_id, status=RenderStatus.RUNNING).update(
                        heartbeat_at=timezone.now())
                except DatabaseError as exc:
                    log.warning("heartbeat of render job %s not stamped: %s", job_id, exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=beat, name=f"render-heartbeat-{job_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(every + 5)


def fail_if_stale(job_id: int) -> bool:
    """Fail the job if it is (still, under its row lock) running without a heartbeat; True if
    it was failed now."""
    from .services import fail_job

    with transaction.atomic():
        job = RenderJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or not is_stale(job):
            return False
        fail_job(job.pk, LOST.format(id=job.pk))
    log.warning("render job %s failed: no heartbeat for %s", job_id, timeout())
    return True


def fail_stale_jobs() -> int:
    """Beat: fail every running job whose process is gone; returns how many."""
    ids = list(RenderJob.objects.filter(status=RenderStatus.RUNNING)
               .annotate(last=Coalesce("heartbeat_at", "created_at"))
               .filter(last__lt=timezone.now() - timeout()).values_list("pk", flat=True))
    return sum(fail_if_stale(pk) for pk in ids)


def too_many_attempts(job: RenderJob) -> bool:
    """A running job picked up again that already started MAX_ATTEMPTS times."""
    return job.status == RenderStatus.RUNNING and job.attempts >= MAX_ATTEMPTS
