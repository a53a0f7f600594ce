"""The recommender side (issue 18 §8): the 联系人 locked with the package (a change afterwards is
a request the issuer approves, audited, and never rewrites a submitted 附件2's 填表人); the
call-level extension shown; read-only pages after the deadline; a refused 推荐报告 save keeps
the typed text; text and scan in one form; the printable 推荐报告 PDF."""

import subprocess
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditLog
from core.errors import DomainError
from documents.services import run_render_job
from quotas import services
from quotas.annex2 import annex2_header
from quotas.models import ChangeStatus, PackageAction, RecommendationPackage
from quotas.report_print import report_context

from .quotas_support import fill_package, pdf_bytes, submitted_application

pytestmark = pytest.mark.django_db
NEW = {"name": "钱新", "post": "科员", "phone": "0472-5999999", "mobile": "13800001111"}


@pytest.fixture
def package(call, recommender_x):
    return RecommendationPackage.objects.get(call=call, recommender=recommender_x)


@pytest.fixture
def submitted(package, call, unit_a, rex):
    app = submitted_application(call=call, unit=unit_a)
    services.recommend(app, by=rex)
    fill_package(package, by=rex)
    services.submit_package(package, by=rex, now=call.deadline - timedelta(hours=1))
    return RecommendationPackage.objects.get(pk=package.pk)


def _url(name, package, *more):
    return reverse(name, args=[package.recommender_id, package.call_id, *more])


def test_contact_is_locked_once_submitted_and_a_change_is_a_request(submitted, call, rex, rita):
    with pytest.raises(DomainError, match="联系人已随推荐材料锁定"):
        services.register_contact(call, submitted.recommender, by=rex, **NEW)
    change = services.request_contact_change(submitted, by=rex, reason="原联系人调岗", **NEW)
    assert change.status == ChangeStatus.PENDING
    with pytest.raises(DomainError, match="已有一项联系人变更申请待审核"):
        services.request_contact_change(submitted, by=rex, reason="再次申请", **NEW)
    with pytest.raises(DomainError, match="审核人员"):       # the recommender cannot approve
        services.decide_contact_change(change, by=rex, approve=True)
    services.decide_contact_change(change, by=rita, approve=True, note="同意")
    contact = submitted.recommender.contacts.get(call=call)
    assert (contact.name, contact.mobile) == ("钱新", "13800001111")
    # the submitted 附件2 keeps the 填表人 it was submitted with
    header = annex2_header(call, submitted.recommender, "base")
    assert header["filler"] == "赵联络" and "13904721234" in header["phone"]
    actions = list(submitted.events.values_list("action", flat=True))
    assert PackageAction.CONTACT_REQUEST in actions and PackageAction.CONTACT_APPROVE in actions
    assert AuditLog.objects.filter(detail__step=PackageAction.CONTACT_APPROVE).exists()


def test_a_refusal_needs_a_note_and_changes_nothing(submitted, call, rex, rita):
    change = services.request_contact_change(submitted, by=rex, reason="调岗", **NEW)
    with pytest.raises(DomainError, match="请填写审核意见"):
        services.decide_contact_change(change, by=rita, approve=False)
    services.decide_contact_change(change, by=rita, approve=False, note="请原联系人继续负责")
    assert submitted.recommender.contacts.get(call=call).name == "赵联络"


def test_contact_is_locked_after_the_deadline(package, call, rex):
    with pytest.raises(DomainError, match="已超过报送截止时间，联系人已随推荐材料锁定"):
        services.register_contact(call, package.recommender, by=rex,
                                  now=call.deadline + timedelta(seconds=1), **NEW)


def test_contact_page_offers_the_request_form_and_the_region_decides(client, submitted, rex,
                                                                      rita):
    client.force_login(rex)
    page = client.get(_url("quotas:contact", submitted)).content.decode()
    assert 'id="contact-locked"' in page and "提交变更申请" in page
    response = client.post(_url("quotas:contact", submitted), {**NEW, "reason": "调岗"})
    assert response.status_code == 302
    change = submitted.contact_requests.get()
    client.force_login(rita)
    contacts = client.get(reverse("quotas:region_contacts", args=[submitted.call_id]))
    assert "同意变更" in contacts.content.decode()
    response = client.post(reverse("quotas:contact_decide", args=[
        submitted.call_id, submitted.recommender_id, change.pk]), {"decision": "approve"})
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED and change.decided_by == rita


def test_the_administrator_reads_a_change_request_but_does_not_decide_it(client, submitted,
                                                                          rex, adam):
    change = services.request_contact_change(submitted, by=rex, reason="调岗", **NEW)
    client.force_login(adam)
    page = client.get(reverse("quotas:region_contacts", args=[submitted.call_id])).content
    assert "同意变更" not in page.decode() and "待审核人员审核" in page.decode()
    response = client.post(reverse("quotas:contact_decide", args=[
        submitted.call_id, submitted.recommender_id, change.pk]), {"decision": "approve"})
    assert response.status_code == 404
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING


def test_the_call_extension_is_shown_with_the_official_date(client, package, call, rex):
    official = call.recommender_deadline
    call.extended_deadline = official + timedelta(days=30)
    call.save()
    client.force_login(rex)
    page = client.get(_url("quotas:package", package)).content.decode()
    local = timezone.localtime(official)
    assert f"官方截止 {local.year}年{local.month}月{local.day}日" in page
    assert "已延期至" in page


def test_after_the_deadline_pages_are_read_only_and_typed_text_is_kept(client, package, call,
                                                                       rex):
    call.recommender_deadline = timezone.now() - timedelta(hours=1)
    call.extended_deadline = None
    call.save()
    client.force_login(rex)
    report = client.get(_url("quotas:report", package)).content.decode()
    assert 'id="pkg-locked"' in report and "<textarea" not in report
    contact = client.get(_url("quotas:contact", package)).content.decode()
    assert 'name="reason"' in contact   # only the change request, no direct edit
    typed = "本次评审由七名专家组成评审组，经资格审查、材料评审两轮完成。"
    response = client.post(_url("quotas:report", package), {
        "procedure": typed, "method": "专家评审", "experts-TOTAL_FORMS": "0",
        "experts-INITIAL_FORMS": "0"})
    assert response.status_code == 400
    html = response.content.decode()
    assert typed in html and "已超过报送截止时间" in html and "<textarea" in html


def test_report_text_and_scan_are_saved_in_one_form(client, package, rex):
    client.force_login(rex)
    response = client.post(_url("quotas:report", package), {
        "procedure": "申报、初评、公示", "method": "专家评审", "experts-TOTAL_FORMS": "0",
        "experts-INITIAL_FORMS": "0", "scan-kind": "report",
        "scan-file": SimpleUploadedFile("推荐报告.pdf", pdf_bytes(), "application/pdf")})
    assert response.status_code == 302
    report = package.report
    assert report.procedure == "申报、初评、公示" and report.scans.count() == 1


def test_printable_report_pdf_has_experts_records_and_signature_lines(client, package, rex,
                                                                      tmp_path):
    fill_package(package, by=rex)
    ctx = report_context(package)
    assert [s["heading"] for s in ctx["sections"]][3:5] == ["四、公示情况", "五、党组会议研究情况"]
    client.force_login(rex)
    response = client.post(_url("quotas:report_pdf", package))
    assert response.status_code == 302
    job = package.call.render_jobs.get(kind="report")
    job = run_render_job(job.pk)
    assert job.status == "done", job.error
    from core.sealed import open_plain

    with open_plain(job.file) as f:
        (tmp_path / "report.pdf").write_bytes(f.read())
    text = subprocess.run(["pdftotext", str(tmp_path / "report.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout.replace(" ", "")
    for needle in ("三、专家组成情况", "四、公示情况", "五、党组会议研究情况", "单位负责人（签字）",
                   "（盖章）", "2025年7月10日至2025年7月16日"):
        assert needle in text, needle
