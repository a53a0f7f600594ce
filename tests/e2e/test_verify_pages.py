"""Issue 16 §11–12 in the browser: the verdict of a sealed scan on its page (the unit signed
in), and the public page of a printed page's code (no login). Screenshots for people to look
at: var/screenshots/verify-*.png, and the stamped page itself as PNG."""

import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader

from declare.services.workflow import submit_application
from verify.scan import upload_scan

from ..test_declare_workflow_builders import complete_application
from ..test_verify_scan import scan_pdf, scanned
from ..verify_support import printed_codes, submitted_form
from .conftest import DEMO_PASSWORD, login

pytestmark = pytest.mark.e2e
pytest_plugins = ["tests.faults_fixtures"]
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def test_the_verdict_page_and_the_public_page_in_the_browser(
        live_db, call, unit_a, alice, page, shot, celery_eager, tmp_path):
    page.set_default_timeout(60_000)
    app = complete_application(call=call, unit=unit_a, by=alice)
    submit_application(app, by=alice)
    pdf = submitted_form(app, by=alice)
    (tmp_path / "form.pdf").write_bytes(pdf)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for n in (1, 5):  # the cover and a table page, at 100 dpi
        subprocess.run(["pdftoppm", "-r", "100", "-f", str(n), "-l", str(n), "-png",
                        "-singlefile", str(tmp_path / "form.pdf"),
                        str(SHOTS / f"verify-stamped-page-{n}")], check=True, timeout=60)
    images = scanned(pdf, [1, 3]) + [Image.new("RGB", (1240, 1754), "white")]
    scan = upload_scan(app, SimpleUploadedFile("盖章扫描件.pdf", scan_pdf(images),
                                               "application/pdf"), by=alice)
    scan.refresh_from_db()
    assert scan.status == "done", scan.error

    alice.set_password(DEMO_PASSWORD)
    alice.save()
    login(page, alice.username)
    page.goto(f"/verify/scans/{scan.pk}/")
    rows = page.locator("#scan-pages tbody tr")
    assert rows.count() == 3 + (len(PdfReader(BytesIO(pdf)).pages) - 2)  # + missing pages
    assert "属于 v1 ✓" in rows.nth(0).inner_text()
    assert "未识别到验证码（请人工核对）" in rows.nth(2).inner_text()
    assert "缺页（第 2 页未出现）" in rows.nth(3).inner_text()
    shot(page, "verify-scan-verdict")
    page.goto(f"/documents/applications/{app.pk}/")
    assert page.locator("#sealed-scan").is_visible()
    shot(page, "verify-print-page-panel")

    page.context.clear_cookies()
    code = printed_codes(pdf, tmp_path)[0][0]
    page.goto(f"/verify/{code}/")
    assert page.locator("#verdict").inner_text() == "本页属于最新提交版本"
    assert app.unit.name in page.locator("#facts").inner_text()
    shot(page, "verify-public-page")
    page.goto("/verify/")
    page.fill("#id_code", code.rsplit("-", 1)[0] + "-2345")
    page.click("#code-form button[type=submit]")
    assert page.locator("h1").inner_text() == "未找到该验证码"
    shot(page, "verify-not-found")
