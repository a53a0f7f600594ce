"""A 备案 package whose building process was killed (issue 14 §6) no longer leaves the filing
"building" forever with 备案 refused: the heartbeat stops, and past the timeout the filing is
failed — by the next look at the filing page or by the beat task review.fail_stale_filings —
and the reviewer starts it again. A real web process building in-process, killed by SIGKILL."""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from calls.choices import CallStatus
from review import tasks
from review.beat import SCHEDULE
from review.models import Filing, FilingStatus, ReviewEvent
from review.services.filing import BUILD, run_filing

from .faults_support import kill_mid_run, wait_for
from .review_support import ready_to_file

pytest_plugins = ["tests.faults_fixtures"]
pytestmark = pytest.mark.django_db
TIMEOUT = 2  # seconds without a heartbeat before a building filing counts as dead, in these tests
STARTED = "已开始生成备案材料包，生成完成后申报批次即标记为已备案。"

# A web process of `make run` (no REDIS_URL: Celery in-process) asked for 备案: the package is
# built in this process, which the test then kills.
FILE_IN_PROCESS = """
import django
django.setup()
from django.contrib.auth import get_user_model
from calls.models import Call
from review.services.filing import file_call
file_call(Call.objects.get(pk={call}), by=get_user_model().objects.get(pk={user}))
"""


@pytest.fixture
def apps(call, region, unit_a, unit_b, unit_y, recommender_x, recommender_y, rita):
    return ready_to_file(call, rita, region, [unit_a, unit_b, unit_y],
                         [recommender_x, recommender_y])


def building(call, rita, *, beat_ago: int | None, started_ago: int | None = 600) -> Filing:
    """A filing left building, as a worker would have left it, its last stamp `beat_ago`
    seconds ago (started `started_ago` seconds ago; None: not yet picked up by a worker)."""
    now = timezone.now()

    def ago(seconds):
        return None if seconds is None else now - timedelta(seconds=seconds)
    return Filing.objects.create(call=call, created_by=rita, progress=35, attempts=1,
                                 enqueued_at=now - timedelta(seconds=900),
                                 started_at=ago(started_ago), heartbeat_at=ago(beat_ago))


def row(filing) -> dict:
    return Filing.objects.filter(pk=filing.pk).values("status", "attempts", "error").get()


def page(client, call, name="filing") -> str:
    return client.get(reverse(f"review:{name}", args=[call.pk])).content.decode()


def events(call) -> list[str]:
    return list(ReviewEvent.objects.filter(call=call, action__in=(
        "request_filing", "retry_filing", "file_call", "filing_failed"))
                .order_by("id").values_list("action", flat=True))


def lost(filing) -> dict:
    return {"status": FilingStatus.FAILED, "attempts": 1, "error": BUILD.lost.format(id=filing.pk)}


def test_the_sweep_fails_a_building_filing_without_a_recent_heartbeat(apps, call, rita, settings):
    settings.RENDER_HEARTBEAT_TIMEOUT = 60
    filing = building(call, rita, beat_ago=61)
    assert tasks.fail_stale_filings() == 1  # the beat task review.fail_stale_filings
    assert row(filing) == lost(filing)
    assert events(call) == ["filing_failed"]
    assert tasks.fail_stale_filings() == 0
    assert SCHEDULE["review-fail-stale-filings"] == {"task": "review.fail_stale_filings",
                                                     "schedule": 60.0}
    assert django_settings.CELERY_BEAT_SCHEDULE["review-fail-stale-filings"]["task"] == (
        tasks.fail_stale_filings.name)


@pytest.mark.parametrize("beat_ago, started_ago", [(5, 600), (None, 5), (None, None)],
                         ids=["fresh-heartbeat", "just-started", "not-yet-picked-up"])
def test_a_live_or_waiting_filing_is_left_building(apps, call, rita, client, settings,
                                                   beat_ago, started_ago):
    settings.RENDER_HEARTBEAT_TIMEOUT = 60
    filing = building(call, rita, beat_ago=beat_ago, started_ago=started_ago)
    assert tasks.fail_stale_filings() == 0
    client.force_login(rita)
    assert 'id="filing-pct">35%<' in page(client, call, "filing_progress")
    r = client.post(reverse("review:filing", args=[call.pk]), follow=True)
    assert "备案材料包正在生成，请稍候。" in r.content.decode()
    assert row(filing) == {"status": FilingStatus.BUILDING, "attempts": 1, "error": ""}


def files_again(client, call, filing):
    """The reviewer starts 备案 again (built in-process): the call is 已备案."""
    r = client.post(reverse("review:filing", args=[call.pk]), follow=True)
    assert STARTED in r.content.decode() and 'id="download-filing"' in r.content.decode()
    filing.refresh_from_db()
    call.refresh_from_db()
    assert (filing.status, filing.attempts, filing.error, call.status) == (
        FilingStatus.DONE, 1, "", CallStatus.FILED)
    assert events(call)[-3:] == ["filing_failed", "retry_filing", "file_call"]


@pytest.mark.parametrize("view", ["filing", "filing_progress"])
@pytest.mark.django_db(transaction=True)
def test_opening_the_page_fails_a_dead_build_and_the_reviewer_files_the_call_again(
        live_db, apps, call, rita, client, settings, celery_eager, view):
    settings.RENDER_HEARTBEAT_TIMEOUT = 60
    filing = building(call, rita, beat_ago=61)
    client.force_login(rita)
    shown = page(client, call, view)
    assert BUILD.lost.format(id=filing.pk) in shown and 'id="file-call"' in shown
    assert "hx-get" not in shown and "重新生成" in shown
    assert row(filing) == lost(filing)
    files_again(client, call, filing)


@pytest.mark.django_db(transaction=True)
def test_asking_again_for_a_dead_build_fails_it_and_starts_afresh(
        live_db, apps, call, rita, client, settings, celery_eager):
    settings.RENDER_HEARTBEAT_TIMEOUT = 60
    filing = building(call, rita, beat_ago=61)
    client.force_login(rita)
    files_again(client, call, filing)
    assert events(call) == ["filing_failed", "retry_filing", "file_call"]


def test_a_filing_that_keeps_killing_its_worker_is_failed_not_built_a_sixth_time(
        apps, call, rita):
    filing = building(call, rita, beat_ago=0)
    Filing.objects.filter(pk=filing.pk).update(attempts=5)
    run_filing(filing.pk)  # the message, redelivered once more after the pool process died
    assert row(filing) == {"status": FilingStatus.FAILED, "attempts": 5,
                           "error": BUILD.too_many.format(id=filing.pk)}


@pytest.mark.django_db(transaction=True)
def test_web_process_killed_mid_build_its_filing_fails_and_the_reviewer_starts_it_again(
        live_db, apps, call, rita, client, media_root, settings, celery_eager, tmp_path):
    settings.RENDER_HEARTBEAT_TIMEOUT = TIMEOUT
    filing = kill_mid_run(
        FILE_IN_PROCESS.format(call=call.pk, user=rita.pk),
        lambda: Filing.objects.filter(started_at__isnull=False).first(),
        "the in-process build to start", database=live_db, media_root=media_root,
        log_dir=tmp_path)
    assert (filing.status, filing.attempts) == (FilingStatus.BUILDING, 1)
    assert filing.heartbeat_at is not None and not filing.archive

    wait_for(lambda: BUILD.is_stale(Filing.objects.get(pk=filing.pk)), TIMEOUT + 5,
             "the heartbeat to be too old")
    assert tasks.fail_stale_filings() == 1
    assert row(filing) == lost(filing)
    client.force_login(rita)
    files_again(client, call, filing)
