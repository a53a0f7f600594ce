"""A render whose process was killed (issue 14 §6) no longer leaves its job "running" forever
with every later request for the same content handed that dead job: the heartbeat stops, and
past the timeout the job is failed — by the next request, or by the beat task — and the next
request renders afresh. Both modes, with real processes killed by SIGKILL: a web process
rendering in-process (no Redis) and a Celery worker."""

import time
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from config.celery import app as celery_app
from documents import liveness, tasks
from documents.beat import SCHEDULE
from documents.models import RenderJob, RenderKind, RenderStatus
from documents.services import request_application_document, run_render_job

from .faults_support import kill_mid_run, wait_for, wait_for_job, worker_log

pytest_plugins = ["tests.faults_fixtures"]
TIMEOUT = 2  # seconds without a heartbeat before a running job counts as dead, in these tests

# A web process of `make run` (no REDIS_URL: Celery in-process) asked for the bundle: the
# render runs in this process, which the test then kills.
RENDER_IN_PROCESS = """
import django
django.setup()
from django.contrib.auth import get_user_model
from declare.models import Application
from documents.services import request_application_document
request_application_document(application=Application.objects.get(pk={app}), kind="bundle",
                             by=get_user_model().objects.get(pk={user}))
"""


def job_row(job) -> dict:
    return RenderJob.objects.filter(pk=job.pk).values("status", "attempts", "error").get()


def wait_past_the_timeout(job):
    job.refresh_from_db()
    wait_for(lambda: liveness.is_stale(job), TIMEOUT + 5, "the heartbeat to be too old")


@pytest.mark.django_db(transaction=True)
def test_web_process_killed_mid_render_its_job_fails_and_the_next_request_renders_afresh(
        base_application, alice, client, live_db, media_root, settings, celery_eager,
        tmp_path):
    settings.RENDER_HEARTBEAT_TIMEOUT = TIMEOUT
    job = kill_mid_run(
        RENDER_IN_PROCESS.format(app=base_application.pk, user=alice.pk),
        lambda: RenderJob.objects.filter(status=RenderStatus.RUNNING).first(),
        "the in-process render to start", database=live_db, media_root=media_root,
        log_dir=tmp_path)
    assert (job.kind, job.status, job.attempts) == (RenderKind.BUNDLE, RenderStatus.RUNNING, 1)
    assert job.heartbeat_at is not None and not job.file

    wait_past_the_timeout(job)
    client.force_login(alice)
    page = client.get(reverse("documents:job", args=[job.pk])).content.decode()
    assert 'id="job-stale"' in page and "hx-get" not in page  # shown, not polled, not written
    assert job_row(job)["status"] == RenderStatus.RUNNING

    fresh = request_application_document(application=base_application, kind="bundle", by=alice)
    assert fresh.pk != job.pk
    assert job_row(job) == {"status": RenderStatus.FAILED, "attempts": 1,
                            "error": liveness.LOST.format(id=job.pk)}
    fresh.refresh_from_db()
    assert (fresh.status, fresh.attempts, fresh.error) == (RenderStatus.DONE, 1, "")
    again = request_application_document(application=base_application, kind="bundle", by=alice)
    assert again.pk == fresh.pk  # the live job is the cache again


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_celery_worker_killed_mid_render_the_beat_fails_its_job_and_a_new_request_renders(
        start_worker, base_application, alice, settings, tmp_path):
    settings.RENDER_HEARTBEAT_TIMEOUT = TIMEOUT
    env = {"CELERY_VISIBILITY_TIMEOUT": "3"}  # the dead worker's message comes back, too
    worker = start_worker(**env)
    job = request_application_document(application=base_application, kind="bundle", by=alice)
    try:
        job = wait_for_job(job.pk, [RenderStatus.RUNNING], timeout=60)
    except AssertionError:
        pytest.fail(f"the worker never started the job; its log:\n{worker_log(tmp_path)}")
    worker.kill()

    wait_past_the_timeout(job)
    assert liveness.fail_stale_jobs() == 1  # the beat task documents.fail_stale_jobs
    assert job_row(job) == {"status": RenderStatus.FAILED, "attempts": 1,
                            "error": liveness.LOST.format(id=job.pk)}

    fresh = request_application_document(application=base_application, kind="bundle", by=alice)
    assert fresh.pk != job.pk and fresh.enqueued_at is not None
    start_worker(**env)
    fresh = wait_for_job(fresh.pk, [RenderStatus.DONE, RenderStatus.FAILED], timeout=120)
    assert (fresh.status, fresh.error, fresh.attempts) == (RenderStatus.DONE, "", 1)
    # the dead worker's message, delivered again, does not bring the failed job back
    wait_for(lambda: worker_log(tmp_path).count("succeeded in") >= 2, 30,
             "the old message to be delivered again")
    assert job_row(job)["status"] == RenderStatus.FAILED


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_is_stamped_while_the_job_renders(live_db, alice, settings):
    settings.RENDER_HEARTBEAT_TIMEOUT = 0.4  # stamped every 0.1 s
    job = RenderJob.objects.create(kind=RenderKind.FORM, content_hash="a" * 64,
                                   status=RenderStatus.RUNNING, created_by=alice)
    stamps = set()
    with liveness.heartbeat(job.pk):
        for _ in range(8):
            time.sleep(0.1)
            stamps.add(RenderJob.objects.get(pk=job.pk).heartbeat_at)
    assert len(stamps - {None}) >= 3
    job.refresh_from_db()
    assert not liveness.is_stale(job)


@pytest.mark.django_db
def test_the_sweep_fails_only_running_jobs_without_a_recent_heartbeat(alice, settings):
    settings.RENDER_HEARTBEAT_TIMEOUT = 60
    old, now = timezone.now() - timedelta(seconds=61), timezone.now()

    def job(n, status, heartbeat):
        return RenderJob.objects.create(kind=RenderKind.FORM, content_hash=f"{n}" * 64,
                                        status=status, heartbeat_at=heartbeat, created_by=alice)
    dead, alive = job(1, RenderStatus.RUNNING, old), job(2, RenderStatus.RUNNING, now)
    queued, done = job(3, RenderStatus.QUEUED, old), job(4, RenderStatus.DONE, old)
    never = job(5, RenderStatus.RUNNING, None)
    RenderJob.objects.filter(pk=never.pk).update(created_at=old)
    assert liveness.fail_stale_jobs() == 2
    assert {j.pk: j.status for j in RenderJob.objects.all()} == {
        dead.pk: RenderStatus.FAILED, alive.pk: RenderStatus.RUNNING,
        queued.pk: RenderStatus.QUEUED, done.pk: RenderStatus.DONE, never.pk: RenderStatus.FAILED}
    assert SCHEDULE["documents-fail-stale-jobs"] == {"task": "documents.fail_stale_jobs",
                                                     "schedule": 60.0}
    assert django_settings.CELERY_BEAT_SCHEDULE["documents-fail-stale-jobs"]["task"] == (
        tasks.fail_stale_jobs.name)


@pytest.mark.django_db
def test_a_job_that_keeps_killing_its_worker_is_failed_not_started_a_sixth_time(alice):
    job = RenderJob.objects.create(kind=RenderKind.FORM, content_hash="f" * 64, created_by=alice,
                                   status=RenderStatus.RUNNING, attempts=liveness.MAX_ATTEMPTS,
                                   heartbeat_at=timezone.now())
    run_render_job(job.pk)  # the message, redelivered once more after the pool process died
    assert job_row(job) == {"status": RenderStatus.FAILED, "attempts": liveness.MAX_ATTEMPTS,
                            "error": liveness.TOO_MANY.format(id=job.pk)}


def test_worker_pool_processes_are_replaced_past_the_memory_cap():
    assert celery_app.conf.worker_max_memory_per_child == 512 * 1024  # KiB
