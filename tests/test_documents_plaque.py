"""The plaque (/projects/<pk>/plaque.pdf) and 附件2 are rendered by the render job, never inside
the request (issue 14 §6: 12 concurrent inline renders stalled another user's page for 6 s):
a GET serves the cached file or the job's page, a POST asks the job — cached by content,
rate-limited like every render — and who may have the plaque is unchanged."""

import re
import subprocess
from html import unescape

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditAction, AuditLog
from documents.models import RenderJob, RenderKind, RenderStatus
from documents.services import request_application_document
from projects.choices import RevocationReason
from projects.services import apply_for_acceptance, decide_acceptance, revoke_project

from .factories import ApplicationFactory
from .test_projects_support import ready_for_acceptance

pytest_plugins = ["tests.test_projects_support"]
pytestmark = pytest.mark.django_db
DOWNLOAD = re.compile(r'id="job-download" href="([^"]+)"')


@pytest.fixture
def accepted(studio_project, alice, rita):
    apply_for_acceptance(ready_for_acceptance(studio_project, alice), by=alice)
    return decide_acceptance(studio_project, by=rita, passed=True, findings="合格",
                             decided_on=timezone.localdate())


@pytest.fixture
def press(client, django_capture_on_commit_callbacks, celery_eager):
    """POST the plaque as `user`, the job running in-process as it is committed."""
    def press(user, project):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("projects:plaque", args=[project.pk]))
    return press


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "plaque.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True, timeout=60).stdout.replace(" ", "")


def test_a_get_of_the_plaque_never_renders_it_in_the_request(client, accepted, alice):
    client.force_login(alice)
    r = client.get(reverse("projects:plaque", args=[accepted.pk]))
    assert (r.status_code, r["Location"]) == (302, reverse("projects:detail", args=[accepted.pk]))
    assert [m.message for m in get_messages(r.wsgi_request)] == [
        "牌匾证书尚未生成，请点击“下载牌匾证书（PDF）”生成。"]
    assert RenderJob.objects.count() == 0


def test_the_plaque_is_made_by_the_job_then_served_from_its_cache(client, accepted, alice,
                                                                  press, tmp_path):
    r = press(alice, accepted)
    job = RenderJob.objects.get()
    assert (r.status_code, r["Location"]) == (302, reverse("documents:job", args=[job.pk]))
    assert (job.kind, job.project, job.created_by, job.status) == (
        RenderKind.PLAQUE, accepted, alice, RenderStatus.DONE)
    page = client.get(r["Location"]).content.decode()
    assert "甲市第一技师学院 · 牌匾编号" in page and "返回建设项目" in page
    link = unescape(DOWNLOAD.search(page)[1])
    assert link == reverse("documents:download", args=[job.pk])

    # the plaque's own address now serves the rendered file: no second render
    r = client.get(reverse("projects:plaque", args=[accepted.pk]))
    data = b"".join(r.streaming_content)
    assert r["Content-Disposition"] == f'attachment; filename="plaque-{accepted.plaque_number}.pdf"'
    assert len(data) == job.size
    text = pdf_text(data, tmp_path)
    day = accepted.accepted_on
    for expected in ("自治区人社厅技能大师工作室", "甲市第一技师学院", "手工地毯制作工",
                     f"编号：{accepted.plaque_number}", "测试自治区人力资源和社会保障厅",
                     f"{day.year}年{day.month}月{day.day}日"):
        assert expected in text, expected
    assert "技能大师：王师傅" in text   # the studio's master (issue 18 §11); nothing else personal
    assert AuditLog.objects.filter(action=AuditAction.EXPORT, object_id=str(job.pk)).count() == 1

    again = press(alice, accepted)
    assert [m.message for m in get_messages(again.wsgi_request)][-1] == (
        "内容未变化，可直接下载已生成的文件。")
    assert list(RenderJob.objects.values_list("pk", "attempts")) == [(job.pk, 1)]


def test_a_plaque_job_not_yet_done_is_shown_not_rendered(client, accepted, alice,
                                                         django_capture_on_commit_callbacks):
    client.force_login(alice)
    with django_capture_on_commit_callbacks():  # queued, never sent: no worker in this test
        client.post(reverse("projects:plaque", args=[accepted.pk]))
    job = RenderJob.objects.get()
    r = client.get(reverse("projects:plaque", args=[accepted.pk]))
    assert (r.status_code, r["Location"]) == (302, reverse("documents:job", args=[job.pk]))
    assert RenderJob.objects.get().status == RenderStatus.QUEUED


def _status(client, user, url, method="get"):
    client.force_login(user)
    status = getattr(client, method)(url).status_code
    client.logout()
    return status


def test_who_may_have_the_plaque_is_unchanged(client, studio_project, alice, bob, rex, rita,
                                              charlie, press):
    url = reverse("projects:plaque", args=[studio_project.pk])
    assert [_status(client, alice, url, m) for m in ("get", "post")] == [404, 404]  # not accepted
    apply_for_acceptance(ready_for_acceptance(studio_project, alice), by=alice)
    decide_acceptance(studio_project, by=rita, passed=True, findings="合格",
                      decided_on=timezone.localdate())
    assert [_status(client, u, url, "post") for u in (bob, charlie)] == [404, 404]
    assert RenderJob.objects.count() == 0
    assert press(rex, studio_project).status_code == 302
    job = RenderJob.objects.get()
    pages = [reverse(n, args=[job.pk]) for n in ("documents:job", "documents:progress",
                                                 "documents:download")]
    assert {u.username: [_status(client, u, p) for p in pages]
            for u in (alice, rex, rita, bob, charlie)} == {
        "alice": [200, 200, 200], "rex": [200, 200, 200], "rita": [200, 200, 200],
        "bob": [404, 404, 404], "charlie": [404, 404, 404]}

    studio_project.refresh_from_db()
    revoke_project(studio_project, by=rita, reason=RevocationReason.FRAUD, comment="伪造")
    assert [_status(client, alice, p) for p in pages + [url]] == [404, 404, 404, 404]


def test_plaque_renders_count_against_the_render_rate_limit(client, settings, accepted, alice,
                                                            call, unit_a):
    settings.RENDER_RATE_LIMIT = (1, 600)
    app = ApplicationFactory(call=call, unit=unit_a, created_by=alice, reference="2025-JD-0301")
    request_application_document(application=app, kind=RenderKind.FORM, by=alice)
    client.force_login(alice)
    r = client.post(reverse("projects:plaque", args=[accepted.pk]))
    assert (r.status_code, r["Location"]) == (302, reverse("projects:detail", args=[accepted.pk]))
    assert [m.message for m in get_messages(r.wsgi_request)] == [
        "生成文件过于频繁：每 10 分钟最多生成 1 份新文件，请稍后再试（内容未变化的文件可直接下载）。"]
    assert not RenderJob.objects.filter(kind=RenderKind.PLAQUE).exists()


def test_the_annex2_pdf_address_of_the_package_renders_nothing_inline(client, call,
                                                                      recommender_x, rex):
    """附件2 goes through documents:summary (the job); its old synchronous address is gone."""
    client.force_login(rex)
    r = client.get(f"/quotas/{recommender_x.pk}/{call.pk}/annex2/base.pdf")
    assert r.status_code == 404 and not r.content.startswith(b"%PDF")
    assert RenderJob.objects.count() == 0
