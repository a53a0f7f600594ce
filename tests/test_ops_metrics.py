"""/metrics (issue 19 §6): refused without the bearer token; reports the latency of a page hit,
errors per view, the render queue, failed logins, lock-outs and the newest backup's age."""

import re
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from backups.retention import archive_name
from documents.models import RenderJob, RenderKind, RenderStatus

TOKEN = "metrics-token-for-the-test-0123456789"
pytestmark = pytest.mark.django_db


@pytest.fixture
def scrape(client, settings):
    settings.METRICS_TOKEN = TOKEN

    def scrape() -> str:
        r = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
        assert r.status_code == 200 and r["Content-Type"].startswith("text/plain; version=0.0.4")
        return r.content.decode()

    return scrape


def sample(text: str, name: str, **labels) -> float:
    """The value of one sample in the exposition text (0 when absent)."""
    want = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        m = re.fullmatch(rf"{name}(?:\{{(.*)\}})? (\S+)", line)
        if m and ",".join(sorted((m.group(1) or "").split(","))) == want:
            return float(m.group(2))
    return 0.0


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", f"Basic {TOKEN}", TOKEN])
def test_metrics_refuse_without_the_token(client, settings, header):
    settings.METRICS_TOKEN = TOKEN
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    r = client.get("/metrics", **extra)
    assert r.status_code == 401 and r["WWW-Authenticate"] == 'Bearer realm="metrics"'
    assert "skill_http" not in r.content.decode()


def test_metrics_are_closed_when_no_token_is_set(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 401


def test_metrics_report_the_latency_of_a_page_hit(client, scrape, alice):
    before = scrape()
    client.force_login(alice)
    started = time.perf_counter()
    assert client.get("/").status_code == 200
    took = time.perf_counter() - started
    after = scrape()
    name = "skill_http_request_duration_seconds"
    labels = {"view": "home", "method": "GET"}
    assert sample(after, f"{name}_count", **labels) - sample(before, f"{name}_count", **labels) == 1
    spent = sample(after, f"{name}_sum", **labels) - sample(before, f"{name}_sum", **labels)
    assert 0 < spent <= took
    assert 'le="10.0"' in after and "skill_http_request_duration_seconds_bucket" in after


def test_metrics_count_errors_per_view_and_status(client, scrape, alice):
    before = scrape()
    client.force_login(alice)
    assert client.get("/declare/999999/").status_code == 404
    assert client.get("/no-such-page/").status_code == 404
    after = scrape()
    for view in ("declare:overview", "unmatched"):
        assert (sample(after, "skill_http_errors_total", view=view, status="404")
                - sample(before, "skill_http_errors_total", view=view, status="404")) == 1, view


def test_metrics_report_the_render_queue_depth_and_age(scrape, alice):
    old = RenderJob.objects.create(kind=RenderKind.FORM, content_hash="a" * 64,
                                   created_by=alice)
    RenderJob.objects.create(kind=RenderKind.FORM, content_hash="b" * 64, created_by=alice)
    RenderJob.objects.create(kind=RenderKind.FORM, content_hash="c" * 64,
                             status=RenderStatus.DONE, created_by=alice)
    RenderJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(minutes=7))
    text = scrape()
    assert sample(text, "skill_render_jobs", status="queued") == 2
    assert sample(text, "skill_render_jobs", status="running") == 0
    assert 420 <= sample(text, "skill_render_job_oldest_age_seconds", status="queued") < 480


def test_metrics_report_failed_logins_and_lock_outs(client, scrape, alice, settings):
    assert sample(scrape(), "skill_accounts_locked", reason="password") == 0
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": "alice", "password": "wrong"})
    text = scrape()
    assert sample(text, "skill_login_failures_15m") == settings.AXES_FAILURE_LIMIT
    assert sample(text, "skill_accounts_locked", reason="password") == 1
    assert sample(text, "skill_accounts_locked", reason="totp") == 0


def test_metrics_report_the_age_of_the_newest_backup(scrape, settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    assert sample(scrape(), "skill_backup_age_seconds") == -1
    settings.BACKUP_DIR.mkdir()
    now = datetime.now(UTC)
    for hours in (50, 27):
        (settings.BACKUP_DIR / archive_name(now - timedelta(hours=hours))).write_text("x")
    (settings.BACKUP_DIR / (archive_name(now) + ".partial")).write_text("x")  # not done yet
    assert 27 * 3600 <= sample(scrape(), "skill_backup_age_seconds") < 27 * 3600 + 60


def test_metrics_report_disk_use(scrape):
    text = scrape()
    for path in ("private_media", "tmp"):
        assert 0 < sample(text, "skill_disk_used_ratio", path=path) < 1
