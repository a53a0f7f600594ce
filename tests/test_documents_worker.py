"""附件3 rendered end to end through a real Celery worker process on Redis (issue 9 §6):
the applicant asks for the PDF in the page, the worker renders it from the committed rows,
the progress fragment offers the file when it is ready."""

import subprocess

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from documents.models import RenderJob, RenderStatus

from .faults_support import wait_for_job, worker_log

pytest_plugins = ["tests.faults_fixtures"]
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "download.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, text=True, check=True, timeout=60).stdout


def test_worker_renders_annex3_requested_in_the_page_offers_it_and_does_not_render_it_twice(
        start_worker, base_application, alice, client, tmp_path):
    start_worker()
    client.force_login(alice)
    page = reverse("documents:application", args=[base_application.pk])
    r = client.post(page, {"kind": "form"})
    job = RenderJob.objects.get(application=base_application)
    assert r.status_code == 302 and r.url == reverse("documents:job", args=[job.pk])
    assert [m.message for m in get_messages(r.wsgi_request)] == ["已开始生成，完成后可在本页下载。"]
    assert job.enqueued_at is not None

    try:
        job = wait_for_job(job.pk, [RenderStatus.DONE, RenderStatus.FAILED], timeout=90)
    except AssertionError:
        pytest.fail(f"worker did not finish the job; its log:\n{worker_log(tmp_path)}")
    assert (job.status, job.error, job.progress, job.attempts) == (RenderStatus.DONE, "", 100, 1)

    fragment = client.get(reverse("documents:progress", args=[job.pk])).content.decode()
    download = reverse("documents:download", args=[job.pk])
    assert f'href="{download}"' in fragment and "下载 2025-JD-0042 附件3.pdf" in fragment
    r = client.get(download)
    data = b"".join(r.streaming_content)
    assert r["Content-Disposition"].startswith("attachment;")
    assert data.startswith(b"%PDF-") and len(data) == job.size
    text = pdf_text(data, tmp_path).replace(" ", "")
    for label in ("附件3", "国家级高技能人才培训基地", "表3-1-1车工专业（职业）",
                  "表3-2-1焊工专业（职业）", "版本：2025-JD-0042草稿"):
        assert label in text, label


    # unchanged content: the same job and file are offered again, nothing is rendered twice
    r = client.post(page, {"kind": "form"})
    assert r.url == reverse("documents:job", args=[job.pk])
    assert [m.message for m in get_messages(r.wsgi_request)][-1] == "内容未变化，可直接下载已生成的文件。"
    assert list(RenderJob.objects.values_list("pk", "attempts")) == [(job.pk, 1)]
