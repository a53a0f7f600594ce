"""Issue 16 §12 (done when): the signed and sealed scan of a submitted 附件3 — rasterised at
150 dpi, turned 1°, JPEG-compressed, one page left out, a page of the older version and a
blank page added — is uploaded through the page, checked by a real Celery worker, and the
page-by-page verdict is shown to the unit, its recommender and the region, to no one else."""

from io import BytesIO

import pypdfium2 as pdfium
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from core.pii import is_encrypted_bytes
from verify.models import ScanStatus, SealedScan

from .faults_support import wait_for, worker_log
from .test_declare_workflow_builders import complete_application
from .verify_support import submit_v1_then_v2, submitted_form

pytest_plugins = ["tests.faults_fixtures"]
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def scanned(pdf: bytes, pages: list[int]) -> list[Image.Image]:
    """Pages of `pdf` as a scanner gives them back: 150 dpi, 1° askew, JPEG."""
    doc, images = pdfium.PdfDocument(pdf), []
    for n in pages:
        image = doc[n - 1].render(scale=150 / 72).to_pil().convert("RGB")
        image = image.rotate(1, expand=True, fillcolor="white", resample=Image.BICUBIC)
        buffer = BytesIO()
        image.save(buffer, "JPEG", quality=70)
        images.append(Image.open(BytesIO(buffer.getvalue())))
    doc.close()
    return images


def scan_pdf(images: list[Image.Image]) -> bytes:
    out = BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=150)
    return out.getvalue()


def test_sealed_scan_gets_the_right_page_by_page_verdict(
        start_worker, live_db, call, unit_a, alice, bob, rex, rita, client, media_root,
        tmp_path):
    app = complete_application(call=call, unit=unit_a, by=alice)
    v1 = submit_v1_then_v2(app, unit_user=alice, recommender_user=rex,
                           print_v1=lambda a: submitted_form(a, by=alice))
    v2 = submitted_form(app, by=alice)
    n2 = len(pdfium.PdfDocument(v2))
    assert n2 >= 4
    kept = [p for p in range(1, n2 + 1) if p != 2]          # page 2 left out
    images = scanned(v2, kept) + scanned(v1, [3])           # a page of v1
    images.append(Image.new("RGB", images[0].size, "white"))  # and a blank page
    start_worker()
    client.force_login(alice)
    r = client.post(reverse("verify:upload", args=[app.pk]),
                    {"file": SimpleUploadedFile("盖章扫描件.pdf", scan_pdf(images),
                                                "application/pdf")})
    assert r.status_code == 302 and r.url == reverse("documents:application", args=[app.pk])
    scan = SealedScan.objects.get(application=app)
    with scan.file.storage.open(scan.file.name, "rb") as fh:
        assert is_encrypted_bytes(fh.read(8))                   # sealed at rest
    try:
        scan = wait_for(lambda: SealedScan.objects.filter(
            pk=scan.pk, status__in=[ScanStatus.DONE, ScanStatus.FAILED]).first(), 180,
            "the scan to be checked")
    except AssertionError:
        pytest.fail(f"worker did not check the scan; its log:\n{worker_log(tmp_path)}")
    assert (scan.status, scan.error, scan.checked_version) == (ScanStatus.DONE, "", 2)

    verdict = scan.verdict
    states = [(row["scan_page"], row["state"], row["page"]) for row in verdict["pages"]]
    expected = [(i, "ok", p) for i, p in enumerate(kept, start=1)]
    expected += [(len(kept) + 1, "outdated", 3), (len(kept) + 2, "unreadable", None)]
    assert states == expected
    assert verdict["missing"] == [2]
    texts = [row["text"] for row in verdict["pages"]]
    assert texts[0].startswith("属于 v2 ✓")
    assert texts[-2].startswith("属于 v1（已过期）✗") and texts[-1] == "未识别到验证码（请人工核对）"
    assert verdict["summary"] == ("与最新提交版本 v2 不一致：1 页属于旧版本，1 页未识别到验证码，"
                                  "缺 1 页。")

    # shown on the 打印与下载 page, the scan's own page, and to the recommender and region
    page = client.get(reverse("documents:application", args=[app.pk])).content.decode()
    assert verdict["summary"] in page and 'id="sealed-scan"' in page
    detail = client.get(reverse("verify:scan", args=[scan.pk])).content.decode()
    assert "缺页（第 2 页未出现）" in detail and "属于 v1（已过期）✗" in detail
    for user in (rex, rita):
        client.force_login(user)
        assert client.get(reverse("verify:scan", args=[scan.pk])).status_code == 200
    client.force_login(rex)
    inbox_page = client.get(reverse("quotas:application", args=[unit_a.parent_id, call.pk,
                                                                 app.pk])).content.decode()
    assert 'id="scan-verdict"' in inbox_page and verdict["summary"] in inbox_page
    client.force_login(bob)
    assert client.get(reverse("verify:scan", args=[scan.pk])).status_code == 404
    assert client.get(reverse("verify:scan_file", args=[scan.pk])).status_code == 404
    r = client.post(reverse("verify:upload", args=[app.pk]),
                    {"file": SimpleUploadedFile("x.pdf", b"%PDF-1.4", "application/pdf")})
    assert r.status_code == 404 and SealedScan.objects.count() == 1
