"""Issue 16 §10: the 公示 is an official PDF like the others — printed from the notice page by
the issuing office, its own text line by line, and a verification code on every page that the
public page /verify/<code>/ answers; a withdrawn notice cannot be printed, another region's
reviewer cannot print it (tests/matrix covers every actor)."""

import pytest
from django.urls import reverse

from core.sealed import read_plain
from documents.models import RenderKind, RenderStatus
from documents.services import request_notice
from review.notice_print import notice_context
from review.services.notice import withdraw_notice
from verify.models import DocumentKind, PrintedDocument

from .verify_support import printed_codes

pytest_plugins = ["tests.test_review_release", "tests.test_review_notice_reissue"]   # `published`
pytestmark = pytest.mark.django_db


def pdf_text(data: bytes, tmp_path) -> str:
    import subprocess

    path = tmp_path / "notice.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_the_printed_notice_is_its_own_text_with_a_code_on_every_page(
        published, rita, celery_eager, django_capture_on_commit_callbacks, client, tmp_path):
    with django_capture_on_commit_callbacks(execute=True):
        job = request_notice(notice=published, context=notice_context(published), by=rita)
    job.refresh_from_db()
    assert (job.kind, job.status) == (RenderKind.NOTICE, RenderStatus.DONE)
    data = read_plain(job.file)
    text = "".join(pdf_text(data, tmp_path).split())   # lines wrap anywhere in Chinese
    for line in published.body.splitlines():
        assert "".join(line.split()) in text, line
    assert "".join(published.title.split()) in text and published.call.issuer.name in text
    doc = PrintedDocument.objects.get(kind=DocumentKind.NOTICE)
    codes = printed_codes(data, tmp_path)
    assert (doc.call, doc.render_job, len(codes)) == (published.call, job, doc.page_count)
    answer = client.get(reverse("verify:page", args=[codes[0][0]]))
    assert answer.status_code == 200
    assert "公示" in answer.content.decode() and published.call.issuer.name in answer.content.decode()


def test_a_withdrawn_notice_is_not_printed(published, rita, client):
    withdraw_notice(published, by=rita, reason="公示日期有误")
    client.force_login(rita)
    assert client.post(reverse("review:notice_pdf", args=[published.call.pk])).status_code == 404


def test_the_notice_page_offers_the_print(published, rita, client):
    client.force_login(rita)
    page = client.get(reverse("review:notice", args=[published.call.pk])).content.decode()
    assert reverse("review:notice_pdf", args=[published.call.pk]) in page
    assert "打印公示" in page


def test_printing_from_the_page_starts_one_job_and_asking_again_reuses_it(
        published, rita, client, celery_eager):
    from documents.models import RenderJob

    client.force_login(rita)
    url = reverse("review:notice_pdf", args=[published.call.pk])
    first = client.post(url, follow=True)
    assert first.status_code == 200
    assert client.post(url, follow=True).status_code == 200
    assert RenderJob.objects.filter(kind=RenderKind.NOTICE, call=published.call).count() == 1
