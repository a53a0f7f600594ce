"""备案 as a Celery job: the POST only checks and queues, the worker builds the zip with progress,
and only a whole package marks the call 已备案; a failure leaves it unfiled and may be retried."""

import hashlib
import io
import json
import zipfile

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from calls.choices import CallStatus
from notify.models import Notification
from review.filing_queue import QUEUE_DOWN, requeue_filings
from review.models import Filing, FilingStatus, ReviewEvent
from review.services.filing import GENERIC_ERROR, file_call
from review.tasks import build_filing

from .faults_support import point_celery_at, wait_for, worker_log
from .review_support import ready_to_file

pytest_plugins = ["tests.faults_fixtures"]
pytestmark = pytest.mark.django_db


@pytest.fixture
def apps(call, region, unit_a, unit_b, unit_y, recommender_x, recommender_y, rita, rex, yvonne):
    """Three base applications, units B and Y selected; rex and yvonne are told of filing."""
    return ready_to_file(call, rita, region, [unit_a, unit_b, unit_y],
                         [recommender_x, recommender_y])


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def urls(call) -> dict:
    return {name: reverse(f"review:{name}", args=[call.pk])
            for name in ("filing", "filing_progress", "filing_download")}


def events(call) -> list[str]:
    return list(ReviewEvent.objects.filter(call=call, action__in=(
        "request_filing", "file_call", "filing_failed")).order_by("id").values_list(
        "action", flat=True))


# The POSTs whose message depends on the job having been sent run in committed transactions,
# as in production: the job is sent when file_call commits, before the view answers.
committed = pytest.mark.django_db(transaction=True)


@committed
def test_the_post_queues_the_job_and_the_worker_files_the_call_with_the_whole_zip(
        live_db, apps, call, rita, rex, yvonne, client, celery_eager, mailoutbox):
    for user in (rex, yvonne):
        user.email = f"{user.username}@example.cn"
        user.save()
    client.force_login(rita)
    url = urls(call)
    r = client.post(url["filing"])
    assert (r.status_code, r.url) == (302, url["filing"])
    assert messages_of(r) == ["已开始生成备案材料包，生成完成后申报批次即标记为已备案。"]

    filing = Filing.objects.get(call=call)
    call.refresh_from_db()
    assert (filing.status, filing.progress, filing.attempts, filing.error) == (
        FilingStatus.DONE, 100, 1, "")
    assert filing.enqueued_at <= filing.started_at <= filing.finished_at
    assert call.status == CallStatus.FILED
    assert call.history.first().history_change_reason == "自治区复审完成，报人力资源社会保障部、财政部备案"
    assert events(call) == ["request_filing", "file_call"]
    assert ReviewEvent.objects.get(call=call, action="file_call").payload == {
        "sha256": filing.sha256}
    notified = Notification.objects.filter(title__endswith="已报部备案")
    assert sorted(notified.values_list("title", flat=True).distinct()) == sorted(
        f"{a.reference} 已报部备案" for a in apps[1:])
    assert sorted((m.to, m.subject) for m in mailoutbox if "已报部备案" in m.subject) == [
        (["rex@example.cn"], f"【消息通知】{apps[1].reference} 已报部备案"),
        (["yvonne@example.cn"], f"【消息通知】{apps[2].reference} 已报部备案")]

    page = client.get(url["filing"]).content.decode()
    assert "hx-get" not in page and "已备案" in page and filing.sha256 in page
    r = client.get(url["filing_download"])
    data = b"".join(r.streaming_content)
    assert hashlib.sha256(data).hexdigest() == filing.sha256
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        assert manifest["files"] == filing.manifest
        for entry in manifest["files"]:
            assert hashlib.sha256(zf.read(entry["name"])).hexdigest() == entry["sha256"]
            assert entry["name"] in page
    names = [f["name"] for f in filing.manifest]
    assert names[:2] == ["推荐备案名单.xlsx", "复审评分结果.json"]
    assert [n.split("_")[1] for n in names[2:]] == [a.reference for a in apps[1:]]


def test_a_redelivered_message_for_a_done_filing_changes_nothing(
        apps, call, rita, celery_eager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        filing = file_call(call, by=rita)
    filing.refresh_from_db()
    before = (filing.attempts, filing.sha256, filing.finished_at, Notification.objects.count())
    build_filing.apply_async((filing.pk,))
    filing.refresh_from_db()
    assert (filing.attempts, filing.sha256, filing.finished_at,
            Notification.objects.count()) == before
    assert events(call) == ["request_filing", "file_call"]


@committed
def test_a_failed_build_leaves_the_call_unfiled_shows_the_error_and_can_be_started_again(
        live_db, apps, call, rita, client, settings, tmp_path, celery_eager):
    """The disk refuses the zip (its directory is a file): failed in Chinese (in-process there
    is no later retry; a worker retries first, see the real-worker test)."""
    blocked = tmp_path / "blocked"
    blocked.write_text("not a directory")
    good = settings.STORAGES["default"]
    settings.STORAGES = {**settings.STORAGES, "default": {**good, "OPTIONS": {
        "location": str(blocked / "private")}}}
    client.force_login(rita)
    url = urls(call)
    client.post(url["filing"])
    filing = Filing.objects.get(call=call)
    call.refresh_from_db()
    assert (filing.status, filing.error, filing.attempts, filing.archive.name) == (
        FilingStatus.FAILED, GENERIC_ERROR.format(id=filing.pk), 1, "")
    assert call.status != CallStatus.FILED
    assert events(call) == ["request_filing", "filing_failed"]
    assert not Notification.objects.filter(title__endswith="已报部备案").exists()
    fragment = client.get(url["filing_progress"]).content.decode()
    assert GENERIC_ERROR.format(id=filing.pk) in fragment and "重新生成" in fragment
    assert "hx-get" not in fragment
    assert client.get(url["filing_download"]).status_code == 404

    settings.STORAGES = {**settings.STORAGES, "default": good}
    r = client.post(url["filing"])
    assert messages_of(r) == ["已开始生成备案材料包，生成完成后申报批次即标记为已备案。"]
    filing.refresh_from_db()
    call.refresh_from_db()
    assert (filing.status, filing.error, filing.attempts, call.status) == (
        FilingStatus.DONE, "", 1, CallStatus.FILED)
    assert Filing.objects.filter(call=call).count() == 1
    assert client.get(url["filing_download"]).status_code == 200


def test_while_building_a_second_post_is_refused_the_page_polls_and_nothing_downloads(
        apps, call, rita, client, django_capture_on_commit_callbacks):
    client.force_login(rita)
    url = urls(call)
    with django_capture_on_commit_callbacks():  # the job is not sent: no worker has it yet
        client.post(url["filing"])
    r = client.post(url["filing"])
    assert messages_of(r)[-1] == "备案材料包正在生成，请稍候。"
    assert list(Filing.objects.values_list("call", "status")) == [(call.pk, FilingStatus.BUILDING)]
    assert events(call) == ["request_filing"]

    # as a worker would have it: sent, half built (so no look below sends it to Redis)
    Filing.objects.filter(call=call).update(progress=50, enqueued_at=timezone.now())
    page = client.get(url["filing"]).content.decode()
    assert f'hx-get="{url["filing_progress"]}"' in page and 'hx-trigger="every 1s"' in page
    assert '<progress max="100" value="50">' in page and "材料包生成中" in page
    assert 'id="download-filing"' not in page and 'id="file-call"' not in page
    fragment = client.get(url["filing_progress"]).content.decode()
    assert fragment.startswith('<div id="filing-state"') and ">50%<" in fragment
    assert client.get(url["filing_download"]).status_code == 404
    call.refresh_from_db()
    assert call.status != CallStatus.FILED


@pytest.mark.parametrize("who", ["alice", "rex", "yvonne", "eve", "charlie"])
def test_only_the_region_sees_the_filing_page_its_progress_and_its_zip(
        who, request, apps, call, rita, celery_eager, django_capture_on_commit_callbacks,
        client):
    with django_capture_on_commit_callbacks(execute=True):
        file_call(call, by=rita)
    assert Filing.objects.get(call=call).is_done
    client.force_login(request.getfixturevalue(who))
    for path in urls(call).values():
        assert client.get(path).status_code == 404, path
    assert client.post(urls(call)["filing"]).status_code == 404


@committed
def test_with_the_broker_down_the_filing_waits_in_postgres_and_is_sent_when_it_is_back(
        live_db, apps, call, rita, client, celery_eager):
    client.force_login(rita)
    url = urls(call)
    undo = point_celery_at("redis://127.0.0.1:9/0")  # nothing listens on the discard port
    try:
        r = client.post(url["filing"])
        assert messages_of(r) == [QUEUE_DOWN]
        filing = Filing.objects.get(call=call)
        assert (filing.status, filing.enqueued_at, filing.attempts) == (
            FilingStatus.BUILDING, None, 0)
        page = client.get(url["filing"]).content.decode()  # still down: still waiting
        assert "任务队列暂时不可用，备案材料包生成任务已保存并排队" in page
        assert Filing.objects.get(call=call).enqueued_at is None
    finally:
        undo()
    # the broker is back (here: tasks run in this process): the beat task sends it
    assert requeue_filings() == 1
    filing.refresh_from_db()
    call.refresh_from_db()
    assert (filing.status, filing.attempts, call.status) == (FilingStatus.DONE, 1,
                                                             CallStatus.FILED)
    assert requeue_filings() == 0


def test_the_next_look_at_the_page_sends_a_waiting_filing(
        apps, call, rita, client, celery_eager, django_capture_on_commit_callbacks):
    client.force_login(rita)
    with django_capture_on_commit_callbacks():  # saved, never sent (as when Redis was down)
        file_call(call, by=rita)
    assert client.get(urls(call)["filing"]).status_code == 200
    filing = Filing.objects.get(call=call)
    assert (filing.status, filing.attempts) == (FilingStatus.DONE, 1)
    assert 'id="download-filing"' in client.get(urls(call)["filing_progress"]).content.decode()


def test_the_beat_schedule_sends_waiting_filings_every_minute(settings):
    assert settings.CELERY_BEAT_SCHEDULE["review-requeue-filings"] == {
        "task": "review.requeue_filings", "schedule": 60.0}


def wait_for_fragment(client, url, text, tmp_path, what):
    try:
        wait_for(lambda: text in client.get(url).content.decode(), 120, what, interval=0.5)
    except AssertionError:
        pytest.fail(f"timed out waiting for {what}; the worker's log:\n{worker_log(tmp_path)}")


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_retries_a_refused_write_fails_and_a_second_request_files_the_call(
        start_worker, live_db, call, region, unit_a, unit_b, unit_y, recommender_x,
        recommender_y, rita, rex, yvonne, client, tmp_path):
    """Through `celery worker` on Redis: a worker whose disk refuses the zip retries (2, 4, 8 s)
    and then fails the filing; 重新生成 on a healthy worker builds it, the page polls to done."""
    apps = ready_to_file(call, rita, region, [unit_a, unit_b, unit_y],
                         [recommender_x, recommender_y])
    blocked = tmp_path / "blocked"
    blocked.write_text("not a directory")
    sick = start_worker(PRIVATE_MEDIA_ROOT=str(blocked / "private"))
    client.force_login(rita)
    url = urls(call)
    r = client.post(url["filing"])
    assert messages_of(r) == ["已开始生成备案材料包，生成完成后申报批次即标记为已备案。"]
    assert Filing.objects.get(call=call).enqueued_at is not None
    wait_for_fragment(client, url["filing_progress"], "重新生成", tmp_path, "the filing to fail")
    filing = Filing.objects.get(call=call)
    call.refresh_from_db()
    assert (filing.status, filing.attempts, filing.error) == (
        FilingStatus.FAILED, 4, GENERIC_ERROR.format(id=filing.pk))
    assert call.status != CallStatus.FILED
    sick.stop()

    start_worker()
    client.post(url["filing"])
    wait_for_fragment(client, url["filing_progress"], 'id="download-filing"', tmp_path,
                      "the progress fragment to offer the zip")
    filing.refresh_from_db()
    call.refresh_from_db()
    assert (filing.status, filing.progress, filing.attempts, filing.error, call.status) == (
        FilingStatus.DONE, 100, 1, "", CallStatus.FILED)
    data = b"".join(client.get(url["filing_download"]).streaming_content)
    assert hashlib.sha256(data).hexdigest() == filing.sha256
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert sum(n.startswith("申报表/") for n in zf.namelist()) == len(apps[1:])
    assert Notification.objects.filter(title=f"{apps[1].reference} 已报部备案").exists()
