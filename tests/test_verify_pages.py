"""Issue 16 §10–11: every page of a submitted version's official PDF carries its code and QR
in the bottom-right corner; /verify/<code>/ says what the page is, to anyone, and nothing
personal; guessed codes get one neutral answer; the lookup is rate-limited per address."""

import re
import subprocess
from io import BytesIO

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader, PdfWriter

from declare.services.workflow import submit_application
from documents.models import RenderJob, RenderStatus
from documents.producers import form_pdf
from verify.codes import page_code, parse
from verify.models import DocumentKind, PrintedDocument
from verify.services import find_page, issue, newer_version

from .quotas_support import pdf_bytes
from .test_declare_workflow_builders import complete_application
from .verify_support import MM, printed, printed_codes, submit_v1_then_v2, submitted_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def app(call, unit_a, alice):
    app = complete_application(call=call, unit=unit_a, by=alice)
    app.reference = "2025-JD-0042"
    app.save(update_fields=["reference"])
    return app


def _neutral(response) -> str:
    """The page without its per-request CSRF token."""
    return re.sub(r'"X-CSRFToken": "[^"]*"', "", response.content.decode())


def test_a_draft_is_not_stamped_and_registers_nothing(app):
    pdf = form_pdf(app)
    assert issue(pdf, kind=DocumentKind.FORM, title="附件3", application=app) == pdf
    assert not PrintedDocument.objects.exists()


def test_every_page_of_a_submitted_form_carries_its_code_in_the_bottom_right_corner(
        app, alice, tmp_path):
    submit_application(app, by=alice)
    pdf = submitted_form(app, by=alice)
    doc = PrintedDocument.objects.get()
    snapshot = app.snapshots.get()
    pages = len(PdfReader(BytesIO(pdf)).pages)
    assert (doc.kind, doc.version, doc.sha256, doc.page_count) == (
        "form", 1, snapshot.sha256, pages)
    codes = printed_codes(pdf, tmp_path)
    assert [c for c, *_ in codes] == [page_code("JD0042-v1", doc.pk, n)
                                      for n in range(1, pages + 1)]
    for code, (x0, y0, x1, y1), width, height in codes:  # pdftotext: y from the top
        assert x0 >= width - 30 * MM and x1 <= width - 5 * MM, code
        assert y0 >= height - 18 * MM and y1 <= height - 5 * MM, code
    # the QR of page 1, at 100 dpi, decodes to SITE_URL/verify/<code>/
    (tmp_path / "f.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-png",
                    str(tmp_path / "f.pdf"), str(tmp_path / "p")], check=True, timeout=60)
    image = Image.open(next(tmp_path.glob("p*.png")))
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [f"/verify/{codes[0][0]}/"]


def test_stamping_keeps_the_document_info_and_the_page_sizes(call, recommender_x):
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_blank_page(842, 595)
    writer.add_metadata({"/Title": "附件2-1 测试", "/Author": "申报评审系统"})
    out = BytesIO()
    writer.write(out)
    stamped = PdfReader(BytesIO(issue(out.getvalue(), kind=DocumentKind.SUMMARY,
                                      title="附件2-1", call=call, recommender=recommender_x)))
    assert (stamped.metadata["/Title"], stamped.metadata["/Author"]) == ("附件2-1 测试",
                                                                       "申报评审系统")
    assert [(float(p.mediabox.width), float(p.mediabox.height)) for p in stamped.pages] == [
        (595, 842), (842, 595)]


def test_the_render_worker_issues_the_form_of_a_submitted_version(
        app, alice, client, celery_eager, tmp_path, django_capture_on_commit_callbacks):
    submit_application(app, by=alice)
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("documents:application", args=[app.pk]), {"kind": "form"})
    job = RenderJob.objects.get(application=app)
    assert job.status == RenderStatus.DONE
    doc = PrintedDocument.objects.get()
    assert (doc.render_job, doc.application, doc.version, doc.title) == (
        job, app, 1, job.download_name.removesuffix(".pdf"))
    data = b"".join(client.get(reverse("documents:download", args=[job.pk])).streaming_content)
    assert len(printed_codes(data, tmp_path)) == doc.page_count


def test_the_public_page_says_what_a_printed_page_is_and_shows_nothing_personal(
        app, alice, rex, client, tmp_path):
    v1 = submit_v1_then_v2(app, unit_user=alice, recommender_user=rex)
    v2 = printed(app, pages=4)
    code_v1 = printed_codes(v1, tmp_path)[1][0]
    code_v2 = printed_codes(v2, tmp_path)[1][0]
    pages = PrintedDocument.objects.get(version=2).page_count

    r = client.get(f"/verify/{code_v2}/")
    page = r.content.decode()
    assert r.status_code == 200 and "本页属于最新提交版本" in page
    for fact in (app.unit.name, "v2", f"第 2 页，共 {pages} 页", code_v2,
                 app.snapshots.get(version=2).sha256):
        assert fact in page, fact
    for personal in ("150102198001011238", "13904721234", "0472-5123456", "lianxi@example.cn"):
        assert personal not in page

    r = client.get(f"/verify/{code_v1}/")
    assert r.status_code == 200 and "已有更新版本 v2，本页已过期" in r.content.decode()


def test_a_code_typed_by_hand_in_any_case_goes_to_its_page(app, alice, client, tmp_path):
    submit_application(app, by=alice)
    code = printed_codes(printed(app), tmp_path)[0][0]
    r = client.get("/verify/", {"code": f"  {code.lower()} "})
    assert r.status_code == 302 and r.url == f"/verify/{code}/"
    assert client.get("/verify/").status_code == 200


def test_guessed_and_unknown_codes_get_one_neutral_answer(app, alice, client, tmp_path):
    submit_application(app, by=alice)
    code = printed_codes(printed(app), tmp_path)[0][0]
    head, check = code.rsplit("-", 1)
    wrong_check = f"{head}-{'2345' if check != '2345' else '3456'}"
    beyond = code.replace("-p01-", "-p99-")
    other_doc = "GZ9999-v1-p01-" + check
    answers = [client.get(f"/verify/{c}/") for c in
               (wrong_check, beyond, other_doc, "not-a-code", "x" * 80)]
    assert [r.status_code for r in answers] == [404] * 5
    assert len({_neutral(r) for r in answers}) == 1
    text = answers[0].content.decode()
    assert "未找到该验证码" in text and app.unit.name not in text and "v1" not in text
    r = client.get("/verify/", {"code": wrong_check})
    assert r.status_code == 302 and client.get(r.url).status_code == 404


def test_the_lookup_is_rate_limited_per_client_address(settings, app, alice, client, tmp_path):
    settings.VERIFY_RATE_LIMIT = (3, 600)
    submit_application(app, by=alice)
    code = printed_codes(printed(app), tmp_path)[0][0]
    here = {"REMOTE_ADDR": "203.0.113.7"}
    statuses = [client.get(f"/verify/{c}/", **here).status_code
                for c in (code, "JD0000-v1-p01-2345", code, code)]
    assert statuses == [200, 404, 200, 429]
    r = client.get(f"/verify/{code}/", **here)
    assert r.status_code == 429 and "查询过于频繁，请稍后再试。" in r.content.decode()
    assert client.get(f"/verify/{code}/", REMOTE_ADDR="203.0.113.8").status_code == 200


def test_a_newer_summary_of_the_same_recommender_supersedes_the_older(call, recommender_x):
    first = issue(pdf_bytes(), kind=DocumentKind.SUMMARY, title="附件2-1 甲", call=call,
                  recommender=recommender_x)
    older = PrintedDocument.objects.get()
    issue(pdf_bytes() + b"\n% changed\n", kind=DocumentKind.SUMMARY, title="附件2-1 甲",
          call=call, recommender=recommender_x)
    code = page_code(older.doc_code, older.pk, 1)
    doc, page = find_page(code)
    assert (doc, page, parse(code)) == (older, 1, (older.doc_code, 1, code[-4:]))
    assert newer_version(older).endswith("生成的版本")
    assert newer_version(PrintedDocument.objects.latest("pk")) == ""
    assert first.startswith(b"%PDF")


def test_the_region_sees_each_forwarded_applications_scan_verdict_on_the_receipt(
        call, unit_a, unit_b, rita, client):
    from declare.models import ApplicationStatus
    from verify.models import ScanStatus, SealedScan

    from .quotas_support import submitted_application

    checked = submitted_application(call=call, unit=unit_a, status=ApplicationStatus.FORWARDED)
    unscanned = submitted_application(call=call, unit=unit_b, status=ApplicationStatus.FORWARDED)
    SealedScan.objects.create(application=checked, title="盖章扫描件.pdf", size=1, sha256="0" * 64,
                              status=ScanStatus.DONE, checked_version=1,
                              verdict={"summary": "与最新提交版本 v1 不一致：缺 1 页。", "problems": 1})
    client.force_login(rita)
    page = client.get(reverse("review:receipt", args=[call.pk])).content.decode()
    table = page[page.index('id="call-scans"'):]
    assert checked.reference in table and unscanned.reference in table
    assert "与最新提交版本 v1 不一致：缺 1 页。" in table and "未上传" in table



def test_the_receipt_shows_the_latest_of_two_scans_and_escapes_its_summary(
        call, unit_a, rita, client):
    from declare.models import ApplicationStatus
    from verify.models import ScanStatus, SealedScan

    from .quotas_support import submitted_application

    app = submitted_application(call=call, unit=unit_a, status=ApplicationStatus.FORWARDED)
    SealedScan.objects.create(application=app, title="旧.pdf", size=1, sha256="0" * 64,
                              status=ScanStatus.FAILED, error="无法识别")
    later = SealedScan.objects.create(application=app, title="新.pdf", size=1, sha256="0" * 64,
                                      status=ScanStatus.DONE, verdict={"summary": "属于 v1 <✓>"})
    client.force_login(rita)
    page = client.get(reverse("review:receipt", args=[call.pk])).content.decode()
    table = page[page.index('id="call-scans"'):]
    assert ('<span class="badge ok">属于 v1 &lt;✓&gt;</span>\n <a href="'
            f'{reverse("verify:scan", args=[later.pk])}">逐页结果</a>') in table
    assert "无法识别" not in table

def test_the_filed_copy_and_the_summary_pdf_are_issued_too(
        app, alice, rex, call, recommender_x, celery_eager, django_capture_on_commit_callbacks,
        tmp_path):
    from documents.services import request_summary
    from review.services.filing_archive import project_pdf

    submit_application(app, by=alice)
    filed = project_pdf(app)
    doc = PrintedDocument.objects.get(kind=DocumentKind.FILING_FORM)
    assert (doc.application, doc.version, doc.title.endswith("（备案）")) == (app, 1, True)
    assert len(printed_codes(filed, tmp_path)) == doc.page_count

    with django_capture_on_commit_callbacks(execute=True):
        job = request_summary(call=call, recommender=recommender_x, kind="base", fmt="pdf",
                              by=rex)
    job.refresh_from_db()
    summary = PrintedDocument.objects.get(kind=DocumentKind.SUMMARY)
    assert (job.status, summary.render_job, summary.recommender, summary.sha256) == (
        RenderStatus.DONE, job, recommender_x, job.content_hash)
    assert summary.doc_code == f"D{summary.pk:05d}"
