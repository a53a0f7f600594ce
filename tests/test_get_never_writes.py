"""GET never writes: showing the second-factor page makes no secret, looking at a render job
does not send it again; the POSTs that do it still work."""

import re

import pyotp
import pytest
from django.urls import reverse

from documents.models import RenderJob, RenderStatus
from documents.services import request_summary
from orgs.models import AccountState
from orgs.twofactor import secret_of

pytestmark = pytest.mark.django_db

SECOND_FACTOR = "/account/2fa/"


def _account_rows(user) -> list[dict]:
    return list(AccountState.objects.filter(user=user).values())


def test_showing_the_second_factor_page_makes_no_secret(client, adam):
    client.force_login(adam)
    before = _account_rows(adam)
    pages = [client.get(SECOND_FACTOR) for _ in range(2)]
    assert _account_rows(adam) == before
    assert all(p.status_code == 200 and "开始设置动态口令" in p.content.decode() for p in pages)
    assert all(not row["totp_secret"] for row in before)


def test_enrolment_starts_on_post_and_the_page_then_only_reads_it(client, adam):
    client.force_login(adam)
    r = client.post(SECOND_FACTOR, {"action": "start"})
    assert (r.status_code, r["Location"]) == (302, SECOND_FACTOR)
    stored = _account_rows(adam)
    secret = secret_of(AccountState.objects.get(user=adam))
    assert stored[0]["totp_secret"].startswith("enc1:") and not stored[0]["totp_enabled"]
    pages = [client.get(SECOND_FACTOR).content.decode() for _ in range(2)]
    assert _account_rows(adam) == stored
    assert all(re.search(r"<code>(\w+)</code>", p)[1] == secret for p in pages)
    r = client.post(SECOND_FACTOR, {"action": "enable", "code": pyotp.TOTP(secret).now()})
    assert r.status_code == 302 and AccountState.objects.get(user=adam).totp_enabled


def test_start_does_not_reset_an_enabled_second_factor(client, adam):
    client.force_login(adam)
    client.post(SECOND_FACTOR, {"action": "start"})
    secret = secret_of(AccountState.objects.get(user=adam))
    client.post(SECOND_FACTOR, {"action": "enable", "code": pyotp.TOTP(secret).now()})
    enabled = _account_rows(adam)
    client.post(SECOND_FACTOR, {"action": "start"})
    assert _account_rows(adam) == enabled


@pytest.fixture
def waiting_job(call, recommender_x, rex, django_capture_on_commit_callbacks) -> RenderJob:
    """A 附件2 job saved but never sent (as when Redis was down)."""
    with django_capture_on_commit_callbacks():
        job = request_summary(call=call, recommender=recommender_x, kind="base", fmt="xlsx",
                              by=rex)
    return job


def _job_row(job) -> dict:
    return RenderJob.objects.filter(pk=job.pk).values().get()


def test_looking_at_a_waiting_job_does_not_send_it(client, rex, waiting_job):
    client.force_login(rex)
    before = _job_row(waiting_job)
    assert (before["status"], before["enqueued_at"]) == (RenderStatus.QUEUED, None)
    urls = [reverse("documents:job", args=[waiting_job.pk]),
            reverse("documents:progress", args=[waiting_job.pk])]
    pages = [client.get(url) for url in urls for _ in range(2)]
    assert _job_row(waiting_job) == before
    assert all(p.status_code == 200 and 'id="job-waiting"' in p.content.decode() for p in pages)
    assert all(reverse("documents:resend", args=[waiting_job.pk]) in p.content.decode()
               for p in pages)


def test_resend_is_a_post_and_the_job_then_completes(client, rex, waiting_job, celery_eager):
    client.force_login(rex)
    url = reverse("documents:resend", args=[waiting_job.pk])
    assert client.get(url).status_code == 405
    assert _job_row(waiting_job)["enqueued_at"] is None
    r = client.post(url)
    assert (r.status_code, r["Location"]) == (302, reverse("documents:job",
                                                           args=[waiting_job.pk]))
    waiting_job.refresh_from_db()
    assert waiting_job.status == RenderStatus.DONE and waiting_job.enqueued_at is not None
