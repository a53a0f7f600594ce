"""Issue 18 §9: the administrator of the issuing organisation reads the region pages and the
statistics from its home page, and exports scores and 评审意见, 联系人, 异议 and 答辩 as xlsx
(numbers as numbers), each export logged."""

import io
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import AuditAction, AuditLog
from quotas.services.contact import register_contact
from review.services.decision import decide
from review.services.defence import schedule_defence
from review.services.notice import publish_notice, record_objection

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.test_review_outcome"]   # its apps and closed panel fixtures

OPINIONS = {"expert_opinion": "经专家组评审，同意推荐。", "hr_opinion": "同意。",
            "finance_opinion": "同意。"}


def client_of(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def workbook(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def rows(ws):
    values = list(ws.iter_rows(values_only=True))
    return values[0], values[1:]


def test_the_admins_home_links_to_the_region_pages_and_the_review(adam, call):
    page = client_of(adam).get("/").content.decode()
    assert reverse("quotas:region_index") in page and reverse("review:index") in page


def test_the_admin_reads_the_region_pages_but_cannot_reopen_or_extend(adam, call,
                                                                      recommender_x):
    c = client_of(adam)
    assert c.get(reverse("quotas:region", args=[call.pk])).status_code == 200
    assert c.get(reverse("quotas:region_contacts", args=[call.pk])).status_code == 200
    page = c.get(reverse("quotas:region_package", args=[call.pk, recommender_x.pk]))
    assert page.status_code == 200
    assert "批准延期" not in page.content.decode()
    r = c.post(reverse("quotas:extend", args=[call.pk, recommender_x.pk]),
               {"until": "2030-01-01T12:00", "reason": "x"})
    assert r.status_code == 404


def test_the_statistics_page_offers_the_four_exports_to_the_admin(adam, call):
    page = client_of(adam).get(reverse("review:stats", args=[call.pk])).content.decode()
    for what in ("scores", "contacts", "objections", "defence"):
        assert reverse("review:export", args=[call.pk, what]) in page


def test_scores_export_has_every_experts_points_comment_and_numeric_trimmed_mean(
        panel, call, adam):
    wb = workbook(client_of(adam).get(reverse("review:export", args=[call.pk, "scores"])))
    head, body = rows(wb[panel.name])
    assert len(body) == 15                                   # 3 projects × 5 experts
    total, comment = head.index("总分"), head.index("评审意见")
    assert all(isinstance(r[total], (int, float)) for r in body)
    assert {r[comment] for r in body} == {"同意推荐。"}
    assert head[4].endswith("分）")  # each criterion with its maximum, e.g. "（20分）"
    head, body = rows(wb["项目汇总"])
    trimmed = head.index("去极值平均分")
    assert sorted(r[trimmed] for r in body) == [70, 80, 90]   # numbers, not "70.00"
    assert all(isinstance(r[trimmed], (int, float)) for r in body)
    log = AuditLog.objects.filter(action=AuditAction.EXPORT).latest("created_at")
    assert log.actor_name == "adam" and "scores" in str(log.detail)


def test_contacts_export_lists_every_recommender_with_the_full_mobile(call, adam, rex,
                                                                      recommender_x):
    register_contact(call, recommender_x, by=rex, name="王丽", post="职业能力建设科科长",
                     phone="0472-5123456", mobile="13904721234")
    wb = workbook(client_of(adam).get(reverse("review:export", args=[call.pk, "contacts"])))
    head, body = rows(wb.active)
    by_rec = {r[0]: r for r in body}
    assert by_rec[recommender_x.label][head.index("手机")] == "13904721234"
    assert len(body) == call.recommenders.count()
    assert any(r[1] == "未登记" for r in body)


def test_objections_and_defence_exports(panel, apps, call, rita, adam):
    start = timezone.now() + timedelta(days=1)
    schedule_defence(panel, application=apps[0], starts_at=start,
                     ends_at=start + timedelta(minutes=30), place="腾讯会议 123", by=rita)
    decide(call, "base", by=rita, selected_ids=[apps[1].id, apps[2].id], **OPINIONS)
    notice = publish_notice(call, by=rita, starts_on=date(2025, 9, 29), working_days=5,
                            contact="郭慧娟 (0471) 6945102", today=date(2025, 9, 29))
    record_objection(notice, by=rita, received_on=date(2025, 9, 30), name="张三",
                     contact="13800001111", content="业绩材料不实", application=apps[1])
    c = client_of(adam)
    head, body = rows(workbook(c.get(reverse("review:export", args=[call.pk, "objections"])))
                      .active)
    assert body[0][head.index("收到日期")] == "2025年9月30日"
    assert body[0][head.index("联系方式")] == "13800001111"
    assert body[0][head.index("涉及项目")] == apps[1].reference
    head, body = rows(workbook(c.get(reverse("review:export", args=[call.pk, "defence"])))
                      .active)
    assert body[0][head.index("申报编号")] == apps[0].reference
    assert body[0][head.index("出席情况")] == "待答辩"
    assert AuditLog.objects.filter(action=AuditAction.EXPORT, actor_name="adam").count() == 2


def test_an_unknown_export_is_404_and_a_recommender_gets_none(call, adam, rex):
    assert client_of(adam).get(reverse("review:export", args=[call.pk, "x"])).status_code == 404
    r = client_of(rex).get(reverse("review:export", args=[call.pk, "scores"]))
    assert r.status_code == 404
