"""Issue 18 §1, Done when, in Chromium: the reviewer saves the 复审决定 three times with
different lists and nobody is told (no 复审结果 message, the applicant's unread badge does not
move); publishing the 公示 releases it and each applicant is told once, with the final outcome."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from notify.models import Notification
from orgs.demo import DEMO_PASSWORD
from review.models import Assignment
from review.services.scoring import close_panel
from workdays.models import HolidayYear

from ..review_support import fill
from .conftest import login
from .review_state import build, enable_totp

pytestmark = pytest.mark.e2e
OPINIONS = {"#id_expert_opinion": "经专家组评审，同意推荐。", "#id_hr_opinion": "同意推荐。",
            "#id_finance_opinion": "同意推荐。"}


@pytest.fixture
def closed(demo):
    reviewer = get_user_model().objects.get(username="reviewer")
    secret = enable_totp(reviewer)
    state = build(reviewer)
    panel = state["panel"]
    share = {a.id: Decimal("0.95") - Decimal("0.05") * i for i, a in enumerate(state["apps"])}
    for a in Assignment.objects.filter(panel=panel).select_related("expert__user", "panel__rubric"):
        fill(a, share[a.application_id])
    close_panel(panel, by=panel.chair.user)
    panel.refresh_from_db()
    return {**state, "secret": secret, "ranking": [r["application_id"] for r in panel.result.rows]}


def told():
    return Notification.objects.filter(event="decision")


def unread_badge(page, username):
    page.context.clear_cookies()
    login(page, username)
    return page.locator("nav.usernav a.notify-link").inner_text()


def save(page, select: list[int], ranking: list[int], reason: str = ""):
    for app_id in ranking:
        box = page.locator(f"#sel-{app_id}")
        box.check() if app_id in select else box.uncheck()
    page.fill("#id_departure_reason", reason)
    with page.expect_navigation():
        page.click("#decision-form button[type=submit]")
    assert "复审决定已保存为草稿（仅本厅可见）" in page.locator("ul.messages").inner_text()


def test_three_saved_decisions_tell_nobody_and_the_release_tells_each_applicant_once(
        page, shot, closed):
    call, ranking = closed["call"], closed["ranking"]
    applicant = "app_baotou1"
    mine = next(a for a in closed["apps"] if a.unit.name == "包头市装备制造技师学院")
    badge_before = unread_badge(page, applicant)

    page.context.clear_cookies()
    login(page, "reviewer", DEMO_PASSWORD, closed["secret"])
    page.goto(f"/review/calls/{call.pk}/decision/base/")
    for selector, text in OPINIONS.items():
        page.fill(selector, text)
    top = ranking[:call.indicator_base]
    lists = [(top, ""), ([*top[1:], ranking[-1]], "答辩中发现第一名材料存疑，暂以第六名替补"),
             ([*top[:-1], ranking[-1]], "综合考虑区域分布")]
    final = lists[-1][0]
    for selected, reason in lists:
        save(page, selected, ranking, reason)
        assert told().count() == 0
    assert "草稿" in page.locator("#decision-state").inner_text()
    shot(page, "release-1-draft")
    assert unread_badge(page, applicant) == badge_before

    page.context.clear_cookies()
    login(page, "reviewer", DEMO_PASSWORD, closed["secret"])
    page.goto(f"/review/calls/{call.pk}/notice/")
    starts = timezone.localdate()
    for year in {starts.year, (starts + timedelta(days=30)).year}:
        HolidayYear.objects.get_or_create(year=year, defaults={"source": "周一至周五为工作日"})
    page.fill("#id_starts_on", starts.isoformat())
    page.fill("#id_working_days", "5")
    page.fill("#id_contact", "郭审核 (0471) 6945102")
    page.click("#notice-preview")
    with page.expect_navigation():
        page.click("#notice-publish")
    assert "公示已发布。" in page.locator("ul.messages").inner_text()
    page.goto(f"/review/calls/{call.pk}/decision/base/")
    assert "已随公示发布" in page.locator("#decision-state").inner_text()
    shot(page, "release-2-released")

    for app in closed["apps"]:
        users = get_user_model().objects.filter(memberships__organisation=app.unit)
        for user in users:
            mine_told = told().filter(user=user, title=f"{app.reference} 复审结果")
            assert mine_told.count() == 1
            body = mine_told.get().body
            assert ("拟推荐备案" in body) == (app.id in final)
            assert ("复审未入选" in body) == (app.id not in final)
    count = int(badge_before.strip("消息通知 ()") or 0)
    assert unread_badge(page, applicant) == f"消息通知 ({count + 1})"
    page.click("nav.usernav a.notify-link")
    item = page.locator("ul.notes li.unread", has_text=f"{mine.reference} 复审结果")
    assert item.count() == 1
    shot(page, "release-3-applicant")
