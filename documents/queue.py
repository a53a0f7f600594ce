"""Handing render jobs to the broker without depending on it (issue 6 §7).

A job is first a row in PostgreSQL (status queued). `enqueue` claims the row by stamping
`enqueued_at`, then publishes the Celery message; when Redis is unreachable the stamp is taken
back and the job simply waits in PostgreSQL. It is sent again by the next request for the
same content, by the 重新发送 button of the job's page (a POST: looking at a job never writes),
or by the `documents.requeue_pending` beat task once Redis is back — so nothing is lost and
nothing is sent twice by two senders.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from kombu.exceptions import KombuError
from redis.exceptions import RedisError

from .models import RenderJob, RenderStatus

log = logging.getLogger(__name__)

BROKER_ERRORS = (KombuError, RedisError, OSError)
QUEUE_DOWN = ("任务队列暂时不可用，生成任务已保存并排队，服务恢复后将自动开始生成，"
              "请稍后回到本页查看，无需重复提交。")


def send_unsent(obj, task, **waiting) -> bool:
    """Publish `task(obj.pk)` unless `obj` is no longer waiting (`waiting`: the lookups that say
    it is) or someone else just sent it (the `enqueued_at` stamp is the claim); False, and the
    row left unsent, when the broker cannot be reached. Shared with review's filing job."""
    model, now = type(obj), timezone.now()
    claimed = model.objects.filter(pk=obj.pk, enqueued_at__isnull=True, **waiting).update(
        enqueued_at=now)
    if not claimed:
        return True
    try:
        task.apply_async((obj.pk,), retry=False)
    except BROKER_ERRORS as exc:
        model.objects.filter(pk=obj.pk, enqueued_at=now).update(enqueued_at=None)
        obj.enqueued_at = None
        log.warning("%s %s kept waiting in the database, broker unreachable: %s",
                    model.__name__, obj.pk, exc)
        return False
    obj.enqueued_at = now
    return True


def send_all_unsent(model, task, *, lost_after: timedelta | None = None, **waiting) -> int:
    """Send every waiting row that never reached the broker (or whose message is older than
    `lost_after`); returns how many were sent. Stops at the first broker failure."""
    cutoff = timezone.now() - (lost_after if lost_after is not None else stale_after())
    model.objects.filter(enqueued_at__lt=cutoff, **waiting).update(enqueued_at=None)
    sent = 0
    for obj in model.objects.filter(enqueued_at__isnull=True, **waiting).order_by("created_at",
                                                                                   "id"):
        if not send_unsent(obj, task, **waiting):
            break
        sent += 1
    return sent


def enqueue(job: RenderJob) -> bool:
    """Send `job` to the worker unless it is no longer waiting or someone else just sent it;
    False (and the job left waiting) when the broker cannot be reached."""
    from .tasks import render_job

    return send_unsent(job, render_job, status=RenderStatus.QUEUED)


def is_waiting_for_broker(job: RenderJob) -> bool:
    return job.status == RenderStatus.QUEUED and job.enqueued_at is None


def resend_if_waiting(job: RenderJob) -> RenderJob:
    """Send again a job that never reached the broker (a new request for the same content, or
    the job page's 重新发送)."""
    if is_waiting_for_broker(job):
        enqueue(job)
    return job


def stale_after() -> timedelta:
    """A message older than twice the broker's visibility timeout that has still not started
    was lost with the broker (Redis restarted without persistence)."""
    seconds = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 3600)
    return timedelta(seconds=2 * seconds)


def requeue_pending(*, lost_after: timedelta | None = None) -> int:
    """Send every job still waiting in PostgreSQL; returns how many were sent. Stops at the
    first broker failure (the next run tries again)."""
    from .tasks import render_job

    return send_all_unsent(RenderJob, render_job, lost_after=lost_after,
                           status=RenderStatus.QUEUED)
