"""Is the process that runs a job still alive? (issue 14 §6) One rule for every job kind: the
render jobs (RenderJob) and the 备案 package (review.Filing) each declare a `Watch`.

While a job runs, a thread of its process stamps `heartbeat_at` four times per timeout; the
stamp stops when the process is killed (OOM, a restart, a power cut), in-process mode (a web
worker running the job in the request) and Celery workers alike. A running job whose stamp (or,
before the first one, its `since` field) is older than `timeout()` has lost its process: it is
failed with a message in Chinese, so the next request makes a fresh job instead of waiting on a
dead one forever. Found by that next request or page, and swept every minute by a beat task
(documents.fail_stale_jobs, review.fail_stale_filings).

A job whose run itself kills its process (a poison job) would be redelivered without end by
Celery's acks_late/reject_on_worker_lost; after MAX_ATTEMPTS starts it is failed instead.
"""

import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.module_loading import import_string

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


@dataclass(frozen=True)
class Watch:
    """A model with the job fields `status`, `heartbeat_at` and `attempts`: its rows with
    `status == running` are watched; `since` names the field that stands for the heartbeat
    before the first stamp; `fail` is the dotted path of the service `fail(pk, message)` that
    fails one (it locks the row and leaves a finished one alone)."""

    model: type
    running: str
    since: str
    fail: str
    lost: str
    too_many: str

    def is_stale(self, job, now=None) -> bool:
        """A running job whose heartbeat (or `since`) is older than the timeout."""
        if job.status != self.running:
            return False
        last = job.heartbeat_at or getattr(job, self.since)
        return last is not None and last < (now or timezone.now()) - timeout()

    def too_many_attempts(self, job) -> bool:
        """A running job picked up again that already started MAX_ATTEMPTS times."""
        return job.status == self.running and job.attempts >= MAX_ATTEMPTS

    @contextmanager
    def heartbeat(self, job_id: int):
        """Stamp the job's heartbeat from a thread while the body runs. The thread has its own
        database connection, closed when it stops; a stamp that fails is logged and tried
        again."""
        stop = threading.Event()
        every = timeout().total_seconds() / 4
        name = self.model._meta.model_name

        def beat():
            try:
                while not stop.wait(every):
                    try:
                        self.model.objects.filter(pk=job_id, status=self.running).update(
                            heartbeat_at=timezone.now())
                    except DatabaseError as exc:
                        log.warning("heartbeat of %s %s not stamped: %s", name, job_id, exc)
            finally:
                connections.close_all()

        thread = threading.Thread(target=beat, name=f"{name}-heartbeat-{job_id}", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join(every + 5)

    def fail_if_stale(self, job_id: int) -> bool:
        """Fail the job if it is (still, under its row lock) running without a heartbeat; True
        if it was failed now."""
        with transaction.atomic():
            job = self.model.objects.select_for_update().filter(pk=job_id).first()
            if job is None or not self.is_stale(job):
                return False
            import_string(self.fail)(job.pk, self.lost.format(id=job.pk))
        log.warning("%s %s failed: no heartbeat for %s", self.model._meta.model_name, job_id,
                    timeout())
        return True

    def fail_stale(self) -> int:
        """Beat: fail every running job whose process is gone; returns how many."""
        ids = list(self.model.objects.filter(status=self.running)
                   .annotate(last=Coalesce("heartbeat_at", self.since))
                   .filter(last__lt=timezone.now() - timeout()).values_list("pk", flat=True))
        return sum(self.fail_if_stale(pk) for pk in ids)


RENDER = Watch(RenderJob, running=RenderStatus.RUNNING, since="created_at",
               fail="documents.services.fail_job", lost=LOST, too_many=TOO_MANY)
# The render jobs' names, used by documents.services, views and tasks.
is_stale = RENDER.is_stale
heartbeat = RENDER.heartbeat
fail_if_stale = RENDER.fail_if_stale
fail_stale_jobs = RENDER.fail_stale
too_many_attempts = RENDER.too_many_attempts
