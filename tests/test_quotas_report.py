"""推荐报告 form, expert rows, sealed scans; the contact person."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quotas.models import ContactPerson, RecommendationReport, ReportScan

from .quotas_support import pdf_bytes

pytestmark = pytest.mark.django_db


def _url(name, rec, call, *extra):
    return reverse(f"quotas:{name}", args=[rec.pk, call.pk, *extra])


def _report_post(experts, **over):
    data = {"procedure": "申报、审核、评审、公示", "method": "专家评审", "notice_start": "2025-07-10",
            "notice_end": "2025-07-16", "notice_place": "市人社局网站", "notice_result": "无异议",
            "objections": "无", "meeting_date": "2025-07-20", "meeting_conclusion": "同意推荐",
            "discipline_opinion": "同意", "experts-TOTAL_FORMS": str(len(experts)),
            "experts-INITIAL_FORMS": "0", "experts-MIN_NUM_FORMS": "0",
            "experts-MAX_NUM_FORMS": "1000"}
    for i, (name, unit, title) in enumerate(experts):
        data.update({f"experts-{i}-name": name, f"experts-{i}-unit": unit,
                     f"experts-{i}-title": title})
    return {**data, **over}


FIVE = [(f"专家{i}", "包头职业技术学院", "教授") for i in range(1, 6)] + [("", "", "")]


def test_report_form_saves_fields_and_experts_skipping_blank_rows(client, call, rex,
                                                                   recommender_x):
    client.force_login(rex)
    r = client.post(_url("report", recommender_x, call), _report_post(FIVE))
    assert r.status_code == 302
    report = RecommendationReport.objects.get()
    assert (report.procedure, str(report.notice_end), report.updated_by) == (
        "申报、审核、评审、公示", "2025-07-16", rex)
    assert list(report.experts.values_list("position", "name")) == [
        (i, f"专家{i}") for i in range(1, 6)]


def test_report_refuses_end_before_start_at_the_field(client, call, rex, recommender_x):
    client.force_login(rex)
    r = client.post(_url("report", recommender_x, call),
                    _report_post(FIVE, notice_end="2025-07-01"))
    assert r.status_code == 400
    assert r.context["form"].errors["notice_end"] == ["公示结束日期不能早于公示开始日期。"]
    assert not RecommendationReport.objects.exists()


def test_a_half_filled_expert_row_is_refused(client, call, rex, recommender_x):
    client.force_login(rex)
    r = client.post(_url("report", recommender_x, call),
                    _report_post([("专家1", "", "")]))
    assert r.status_code == 400
    assert "请填写完整该专家的姓名、单位和职务/职称。" in r.content.decode()


def test_report_page_lists_what_is_missing(client, call, rex, recommender_x):
    client.force_login(rex)
    client.post(_url("report", recommender_x, call), _report_post(FIVE[:4]))
    r = client.get(_url("report", recommender_x, call))
    assert r.context["problems"] == ["专家人数不得少于5人（当前 4 人）。",
                                     "尚未上传签字盖章的推荐报告扫描件。"]


def test_scan_upload_accepts_pdf_and_downloads_as_attachment(client, call, rex,
                                                             recommender_x):
    client.force_login(rex)
    upload = SimpleUploadedFile("推荐报告（盖章）.pdf", pdf_bytes(), "application/pdf")
    r = client.post(_url("scan_upload", recommender_x, call), {"kind": "report", "file": upload})
    assert r.status_code == 302
    scan = ReportScan.objects.get()
    assert (scan.kind, scan.size, scan.uploaded_by) == ("report", len(pdf_bytes()), rex)
    r = client.get(_url("scan_download", recommender_x, call, scan.pk))
    assert r["Content-Disposition"].startswith("attachment")
    assert b"".join(r.streaming_content) == pdf_bytes()


def test_scan_upload_refuses_a_non_pdf_at_the_field(client, call, rex, recommender_x):
    client.force_login(rex)
    upload = SimpleUploadedFile("报告.pdf", b"GIF89a fake", "application/pdf")
    r = client.post(_url("scan_upload", recommender_x, call), {"kind": "report", "file": upload})
    assert r.status_code == 400
    assert "只能上传 PDF" in r.context["scan_form"].errors["file"][0]
    assert not ReportScan.objects.exists()


def test_scan_delete_removes_it(client, call, rex, recommender_x):
    client.force_login(rex)
    client.post(_url("scan_upload", recommender_x, call), {
        "kind": "notice", "file": SimpleUploadedFile("公示.pdf", pdf_bytes())})
    scan = ReportScan.objects.get()
    client.post(_url("scan_delete", recommender_x, call, scan.pk))
    assert not ReportScan.objects.exists()


def test_contact_is_registered_with_its_first_time_kept(client, call, rex, recommender_x):
    client.force_login(rex)
    data = {"name": "赵联络", "post": "科长", "phone": "0472-5123456", "mobile": "13904721234"}
    assert client.post(_url("contact", recommender_x, call), data).status_code == 302
    first = ContactPerson.objects.get().registered_at
    client.post(_url("contact", recommender_x, call), {**data, "name": "钱联络"})
    contact = ContactPerson.objects.get()
    assert (contact.name, contact.registered_at, contact.registered_by) == ("钱联络", first, rex)


def test_contact_phone_errors_are_shown_at_the_fields(client, call, rex, recommender_x):
    client.force_login(rex)
    r = client.post(_url("contact", recommender_x, call),
                    {"name": "赵联络", "phone": "abc", "mobile": "1390472"})
    assert r.status_code == 400
    assert r.context["form"].errors == {"phone": ["联系电话格式不正确，如 0472-5123456。"],
                                        "mobile": ["手机号码应为 11 位数字，以 1 开头。"]}
    assert not ContactPerson.objects.exists()
