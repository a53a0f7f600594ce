"""Issue 15 §5, Done when: the recommender returns an application → the unit's user sees an
unread badge, opens 消息通知, clicks through to the application; an e-mail for the unit exists."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from calls.choices import ProjectKind
from declare.models import Application, ApplicationStatus
from notify.models import Notification

from .conftest import login

pytestmark = pytest.mark.e2e

COMMENT = "技能大师信息中领办人工作单位及职务与证书不一致，请核实后重新提交。"


def test_a_return_reaches_the_unit_as_an_unread_message_with_a_link_and_an_email(
        page, demo, shot, celery_eager, mailoutbox):
    get_user_model().objects.filter(username="app_baotou3").update(email="app_baotou3@example.cn")
    studio = Application.objects.select_related("unit").get(
        unit__parent__short_name="包头市", kind=ProjectKind.STUDIO,
        status=ApplicationStatus.SUBMITTED)
    unit_user = get_user_model().objects.get(memberships__organisation=studio.unit)
    before = Notification.objects.filter(user=unit_user, read_at__isnull=True).count()

    login(page, "rec_baotou")
    page.goto(reverse("quotas:application", args=[studio.unit.parent_id, studio.call_id,
                                                  studio.pk]))
    page.fill("textarea[name=comments]", COMMENT)
    page.check("input[name=sections][value=master]")
    with page.expect_navigation():
        page.click("button:has-text('退回修改')")
    assert page.locator("#app-status").inner_text() == "退回修改"

    page.context.clear_cookies()
    login(page, unit_user.username)
    badge = page.locator("nav.usernav a.notify-link")
    assert badge.inner_text() == f"消息通知 ({before + 1})"
    shot(page, "notify-1-badge")
    badge.click()
    item = page.locator("ul.notes li.unread", has_text=f"{studio.reference} 退回修改")
    assert item.count() == 1
    assert COMMENT in item.inner_text() and "需修改的栏目：" in item.inner_text()
    shot(page, "notify-2-list")
    with page.expect_navigation():
        item.locator("button:has-text('查看')").click()
    assert page.url.endswith(reverse("declare:overview", args=[studio.pk]))
    assert studio.reference in page.locator("main").inner_text()
    after = page.locator("nav.usernav a.notify-link").inner_text()
    assert after == (f"消息通知 ({before})" if before else "消息通知")
    shot(page, "notify-3-application")

    mails = [m for m in mailoutbox if m.to == ["app_baotou3@example.cn"]]
    assert [m.subject for m in mails] == [f"【消息通知】{studio.reference} 退回修改"]
    assert COMMENT in mails[0].body
    assert reverse("declare:overview", args=[studio.pk]) in mails[0].body
