"""Issue 18 §6 in Chromium: the reviewer publishes the 公示, withdraws it with a reason (a
confirmation step shows the reason), publishes the corrected one; the public page (no login)
shows the current text and the withdrawn one marked 已撤回 with its reason and date. Nobody
is told a second time."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from notify.models import Notification
from orgs.demo import DEMO_PASSWORD
from review.services.decision import decide
from workdays.models import HolidayYear

from .conftest import login
from .test_decision_release import closed  # noqa: F401 - the fixture: a closed base panel

pytestmark = pytest.mark.e2e


def publish(page, starts, contact):
    page.fill("#id_starts_on", starts.isoformat())
    page.fill("#id_working_days", "5")
    page.fill("#id_contact", contact)
    page.click("#notice-preview")
    assert "预览（尚未发布）" in page.locator("#notice-draft").inner_text()
    with page.expect_navigation():
        page.click("#notice-publish")
    assert "公示已发布。" in page.locator("ul.messages").inner_text()


def test_publish_withdraw_with_a_reason_republish_and_the_public_page(page, shot, closed):  # noqa: F811
    call, ranking = closed["call"], closed["ranking"]
    reviewer = get_user_model().objects.get(username="reviewer")
    decide(call, "base", by=reviewer, selected_ids=ranking[:call.indicator_base],
           expert_opinion="经专家组评审，同意推荐。", hr_opinion="同意推荐。", finance_opinion="同意推荐。")
    starts = timezone.localdate()
    for year in {starts.year, (starts + timedelta(days=40)).year}:
        HolidayYear.objects.get_or_create(year=year, defaults={"source": "周一至周五为工作日"})

    login(page, "reviewer", DEMO_PASSWORD, closed["secret"])
    page.goto(f"/review/calls/{call.pk}/")
    with page.expect_navigation():
        page.click("nav.rv-subnav >> text=公示")
    publish(page, starts, "郭审核 (0471) 6945102")
    told = Notification.objects.filter(event="decision").count()
    assert told > 0

    page.click("#withdraw-box summary")
    page.fill("#id_reason", "公示联系电话有误")
    with page.expect_navigation():
        page.click("#withdraw-next")
    assert page.locator("#withdraw-reason-confirm").input_value() == "公示联系电话有误"
    shot(page, "notice-withdraw-confirm")
    with page.expect_navigation():
        page.click("#withdraw-confirm-button")
    assert "公示已撤回" in page.locator("ul.messages").inner_text()
    assert "公示联系电话有误。" in page.locator("#withdrawn-notices").inner_text()

    publish(page, starts + timedelta(days=1), "郭审核 (0471) 6945103")
    assert Notification.objects.filter(event="decision").count() == told   # nobody twice
    shot(page, "notice-reissued")

    withdrawn, current = call.public_notices.order_by("id")
    page.context.clear_cookies()
    page.goto("/public/")
    item = page.locator("#public-notices li")
    assert "已撤回" in item.filter(has=page.locator(
        f'a[href="/public/notices/{withdrawn.pk}/"]')).inner_text()
    now = item.filter(has=page.locator(f'a[href="/public/notices/{current.pk}/"]'))
    assert "已撤回" not in now.inner_text()
    with page.expect_navigation():
        now.locator("a").click()
    text = page.locator("#public-notice").inner_text()
    assert "6945103" in text and "此前发布的公示已于" in text and "撤回，以本公示为准" in text
    with page.expect_navigation():
        page.click(".withdrawn-earlier a")
    old = page.locator("#withdrawn-banner").inner_text()
    assert "本公示已撤回" in old and "撤回理由：公示联系电话有误。" in old
    assert "6945102" in page.locator("#public-notice").inner_text()
    shot(page, "notice-public-withdrawn")
