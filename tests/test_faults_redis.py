"""Redis down (issue 6 §7): pages keep working (home, saving a section), a render request is
kept queued in PostgreSQL with a clear message, and once Redis is back the job is sent again
(by the job page's 重新发送, or by the beat task) and the worker completes it."""

import pytest
import redis
from django.contrib.messages import get_messages
from django.urls import reverse

from calls.choices import Category, ProjectKind
from catalog.selectors import get_occupation
from declare.demo import base as demo_base
from declare.forms import to_post
from declare.schema import BASE_T1_2
from declare.services.applications import create_application
from declare.services.sections import section_data
from documents.models import RenderJob, RenderStatus
from documents.queue import QUEUE_DOWN
from documents.tasks import requeue_pending

from .faults_support import wait_for, worker_log

pytest_plugins = ["tests.faults_fixtures"]
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_down(broker, settings):
    """The private Redis (broker and cache) stopped; started again on the same port by
    `broker.start()`."""
    settings.CACHES = {"default": {"BACKEND": "config.cache.TolerantRedisCache",
                                   "LOCATION": broker.url,
                                   "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}
    broker.stop()
    return broker


@pytest.fixture
def application(live_db, call, unit_a, alice):
    return create_application(unit=unit_a, call=call, kind=ProjectKind.BASE,
                              category=Category.MANUFACTURING, tier="A", by=alice,
                              occupations=[(get_occupation("6-18-01-01"), "")])


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_redis_down_pages_work_render_waits_in_postgres_and_completes_when_redis_is_back(
        redis_down, start_worker, application, alice, client, tmp_path):
    client.force_login(alice)
    home = client.get("/")
    assert home.status_code == 200 and "贵单位有 1 份草稿未提交" in home.content.decode()
    section = reverse("declare:section", args=[application.pk, "t1_2"])
    r = client.post(section, to_post(BASE_T1_2, demo_base.T1_2))
    assert (r.status_code, r.url) == (302, section)
    assert section_data(application)["t1_2"] == demo_base.T1_2

    r = client.post(reverse("documents:application", args=[application.pk]), {"kind": "form"})
    job = RenderJob.objects.get()
    assert (r.status_code, r.url) == (302, reverse("documents:job", args=[job.pk]))
    assert messages_of(r)[-1] == QUEUE_DOWN
    assert (job.status, job.enqueued_at) == (RenderStatus.QUEUED, None)
    page = client.get(reverse("documents:job", args=[job.pk])).content.decode()
    assert "任务队列暂时不可用，生成任务已保存并排队，服务恢复后将自动开始生成" in page
    # asking again neither fails nor makes a second job
    client.post(reverse("documents:application", args=[application.pk]), {"kind": "form"})
    assert list(RenderJob.objects.values_list("pk", "status")) == [(job.pk, RenderStatus.QUEUED)]

    redis_down.start()
    start_worker()
    progress = reverse("documents:progress", args=[job.pk])
    client.post(reverse("documents:resend", args=[job.pk]))  # the page's 重新发送 (a look only reads)
    fragment = client.get(progress).content.decode()
    assert "任务队列暂时不可用" not in fragment
    try:
        wait_for(lambda: "下载 " in client.get(progress).content.decode(), 90,
                 "the progress fragment to offer the file", interval=0.5)
    except AssertionError:
        pytest.fail(f"the job was not completed; worker log:\n{worker_log(tmp_path)}")
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == (RenderStatus.DONE, 1, "")
    data = b"".join(client.get(reverse("documents:download", args=[job.pk])).streaming_content)
    assert data.startswith(b"%PDF-") and len(data) == job.size


def test_beat_task_sends_every_job_saved_while_redis_was_down(
        redis_down, application, alice, client):
    client.force_login(alice)
    url = reverse("documents:application", args=[application.pk])
    client.post(url, {"kind": "form"})
    client.post(url, {"kind": "bundle"})
    assert requeue_pending.apply().get() == 0  # still down: nothing sent, nothing lost
    assert list(RenderJob.objects.values_list("status", "enqueued_at")) == [
        (RenderStatus.QUEUED, None), (RenderStatus.QUEUED, None)]

    redis_down.start()
    assert requeue_pending.apply().get() == 2
    assert RenderJob.objects.filter(enqueued_at__isnull=True).count() == 0
    queued = redis.Redis.from_url(redis_down.url).lrange("celery", 0, -1)
    assert len(queued) == 2
    assert requeue_pending.apply().get() == 0  # already sent: not sent twice
