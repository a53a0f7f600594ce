"""Issue 18 §8 in Chromium: rec_baotou returns a base naming 表1-2 and 表2-1; the unit changes
表1-2 only, the submit page refuses naming 表2-1; the unit gives its 未修改原因 and submits; the
recommender opens 与上次提交比较 and sees the changed field and the reason."""

import pytest
from django.urls import reverse

from calls.choices import ProjectKind
from declare.models import Application, ApplicationStatus
from orgs.models import Membership
from orgs.roles import Role

from .conftest import login

pytestmark = pytest.mark.e2e
COMMENT = "项目背景缺少产业数据，工作思路请细化到年度。"
BACKGROUND = "包头市装备制造业 2024 年产值 3000 亿元，技能人才缺口 1.2 万人。"
REASON = "工作思路已按年度细化，见表2-2，本栏无需修改。"
T2_1 = "退回意见涉及的“表2-1 项目实施工作思路”尚未修改：请修改，或说明未修改的原因。"


def test_resubmission_needs_the_flagged_sections_changed_or_a_reason(page, demo):
    app = (Application.objects.filter(unit__parent__memberships__user__username="rec_baotou",
                                      kind=ProjectKind.BASE, status=ApplicationStatus.SUBMITTED)
           .order_by("pk").first())
    version = app.submitted_version
    unit_user = Membership.objects.filter(organisation=app.unit, role=Role.APPLICANT).first().user
    detail = reverse("quotas:application", args=[app.unit.parent_id, app.call_id, app.pk])

    login(page, "rec_baotou")
    page.goto(detail)
    page.fill("textarea[name=comments]", COMMENT)
    page.check("input[name=sections][value=t1_2]")
    page.check("input[name=sections][value=t2_1]")
    with page.expect_navigation():
        page.click("button:has-text('退回修改')")
    assert page.locator("#app-status").inner_text() == "退回修改"

    page.context.clear_cookies()
    login(page, unit_user.username)
    page.goto(f"/declare/{app.pk}/sections/t1_2/")
    page.fill("textarea[name=background]", BACKGROUND)
    with page.expect_navigation():
        page.click("button[name=_save]")
    assert "已保存" in page.locator(".messages").inner_text()
    page.goto(f"/declare/{app.pk}/submit/")
    problems = page.locator("ol.problems").inner_text()
    assert T2_1 in problems and "表1-2" not in problems
    assert page.locator("button[name=_submit]").count() == 0
    page.fill("textarea[name='t2_1-text']", REASON)
    with page.expect_navigation():
        page.click("#flagged-t2_1 button:has-text('保存未修改原因')")
    assert page.locator("ol.problems").count() == 0
    with page.expect_navigation():
        page.click("button[name=_submit]")
    app.refresh_from_db()
    assert (app.status, app.submitted_version) == (ApplicationStatus.SUBMITTED, version + 1)

    page.context.clear_cookies()
    login(page, "rec_baotou")
    page.goto(detail)
    assert REASON in page.locator("[data-revision]").inner_text()
    with page.expect_navigation():
        page.click("a:has-text('与上次提交比较')")
    changed = page.locator("#sec-t1_2 tr[data-changed-field]")
    assert changed.count() == 1 and BACKGROUND in changed.inner_text()
    assert REASON in page.locator("[data-revision]").inner_text()
    assert page.locator("#sec-t2_1").count() == 0
    with page.expect_navigation():
        page.click("a:has-text('显示全部')")
    assert page.locator("#sec-t2_1").count() == 1
