"""Issue 15 §1, Done when: the applicant finds 打印/下载申报表 on the overview and downloads the
附件3 PDF there, as a draft before submission and as the submitted version after it."""

import subprocess

import pytest

from declare.checklist import items_of
from declare.models import Application
from declare.services.materials import add_material
from declare.services.workflow import submission_problems, submit_application
from orgs.models import Membership
from orgs.roles import Role

from ..test_uploads_samples import pdf_upload
from .conftest import login

pytestmark = pytest.mark.e2e

UNIT = "包头市装备制造技师学院"


def open_from_home(page, app):
    page.goto("/")
    page.get_by_role("link", name="进入申报").first.click()
    page.get_by_role("link", name=app.reference, exact=True).click()


def download_form_from_overview(page, app, tmp_path, name) -> str:
    """Home → the application → 打印/下载申报表 → 生成申报表 PDF → 下载; the PDF's text."""
    open_from_home(page, app)
    page.get_by_role("link", name="打印/下载申报表").first.click()
    assert page.get_by_role("heading", name="申报表").is_visible()
    page.get_by_role("button", name="生成申报表 PDF").click()
    with page.expect_download() as info:
        page.click("#job-download")
    pdf = tmp_path / f"{name}.pdf"
    info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def complete_materials(app, by):
    for item in items_of(app):
        if item.required and not app.materials.filter(item=item.key,
                                                      removed_at__isnull=True).exists():
            add_material(app, item=item.key, uploaded_file=pdf_upload(f"{item.label}.pdf"), by=by)


def test_the_form_is_printed_from_the_overview_before_and_after_submission(demo, page, tmp_path,
                                                                           shot, celery_eager):
    page.set_default_timeout(90_000)  # the render runs in the request here (celery_eager)
    app = Application.objects.get(unit__name=UNIT, call__year=2025)
    user = Membership.objects.get(organisation=app.unit, role=Role.APPLICANT).user
    login(page, user.username)

    draft = download_form_from_overview(page, app, tmp_path, "draft")
    assert f"{app.reference} 草稿" in draft

    complete_materials(app, user)
    assert submission_problems(app) == []
    submit_application(app, by=user)
    snapshot = app.snapshots.order_by("-version").first()

    open_from_home(page, app)
    primary = page.locator("a.btn.primary", has_text="打印/下载申报表")
    assert primary.is_visible()  # the next step once submitted
    assert "一式六份" in page.locator(".print-next").inner_text()
    shot(page, "print-overview-submitted")
    submitted = download_form_from_overview(page, app, tmp_path, "submitted")
    assert snapshot.label in submitted
    assert "草稿" not in submitted
