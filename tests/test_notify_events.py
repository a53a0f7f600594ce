"""Who is told what, for every event a party must act on or know (issue 15 §5): the message,
its recipients and the page it links to."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from notify.models import Notification
from quotas import services as quotas
from quotas.models import RecommendationPackage
from review.services.decision import decide
from review.services.notice import publish_notice, record_objection
from review.services.receipt import accept_package, return_package

from .quotas_support import submitted_application
from .review_support import (
    closed_panel,
    expert_pool,
    forwarded,
    scoring_panel,
    sending_closed,
)

pytestmark = pytest.mark.django_db

OPINIONS = {"expert_opinion": "经专家组评审，同意推荐。", "hr_opinion": "同意。",
            "finance_opinion": "同意。"}


def got(*, event=None, **lookups) -> list[tuple[str, str, str]]:
    """(recipient, title, link) of the messages of `event`, in recipient order."""
    rows = Notification.objects.filter(**lookups)
    if event:
        rows = rows.filter(event=event)
    return sorted(rows.values_list("user__username", "title", "link"))


def overview(app) -> str:
    return reverse("declare:overview", args=[app.pk])


def inbox(app) -> str:
    return reverse("quotas:application", args=[app.unit.parent_id, app.call_id, app.pk])


# ---------------------------------------------------------------- the unit and its recommender
def test_a_return_tells_the_unit_with_the_reason_the_sections_and_a_link(
        call, unit_a, alice, bob, rex):
    app = submitted_application(call=call, unit=unit_a, reference="2025-JD-0001")
    quotas.return_application(app, by=rex, comments="培训人次与佐证材料不一致", sections=["summary"])
    assert got(event="returned") == [("alice", "2025-JD-0001 退回修改", overview(app))]
    body = Notification.objects.get(event="returned").body
    assert "退回意见：培训人次与佐证材料不一致" in body
    assert "需修改的栏目：" in body and "请按意见修改后重新提交。" in body


def test_recommended_and_not_recommended_tell_the_unit(call, unit_a, unit_b, alice, bob, rex):
    a = submitted_application(call=call, unit=unit_a, reference="A-1")
    b = submitted_application(call=call, unit=unit_b, reference="B-1")
    quotas.recommend(a, by=rex)
    quotas.decline(b, by=rex, reason="培训规模不足")
    assert got(event="recommended") == [("alice", "A-1 已推荐", overview(a))]
    assert got(event="not_recommended") == [("bob", "B-1 不予推荐", overview(b))]
    assert "理由：培训规模不足" in Notification.objects.get(event="not_recommended").body
    quotas.undo_decision(a, by=rex)
    assert got(event="decision_undone") == [("alice", "A-1 初评结论已撤销", overview(a))]


def test_a_withdrawal_tells_the_recommender(call, unit_a, alice, rex):
    from declare.services.workflow import withdraw_application

    app = submitted_application(call=call, unit=unit_a, reference="A-1")
    withdraw_application(app, by=alice, reason="补充材料")
    assert got(event="withdrawn") == [("rex", "A-1 已撤回", inbox(app))]


# ---------------------------------------------------------------- the package
def package_link(call, rec) -> str:
    return reverse("quotas:package", args=[rec.pk, call.pk])


def test_the_region_receiving_or_sending_back_a_package_tells_the_recommender(
        call, unit_a, unit_b, alice, bob, rex, rita, recommender_x):
    a, b = forwarded(call, unit_a, reference="A-1"), forwarded(call, unit_b, reference="B-1")
    RecommendationPackage.objects.filter(call=call, recommender=recommender_x).update(
        status="submitted")   # as submit_package leaves it
    return_package(call, recommender_x, by=rita, reasons="推荐报告未盖章")
    assert got(event="package_returned") == [
        ("rex", f"推荐材料被退回（{call.title}）", package_link(call, recommender_x))]
    assert "退回理由：推荐报告未盖章" in Notification.objects.get(event="package_returned").body
    for app in (a, b):
        app.status = "forwarded"
        app.save()
    sending_closed(call)
    accept_package(call, recommender_x, by=rita)
    assert got(event="package_received") == [
        ("rex", f"推荐材料已受理（{call.title}）", package_link(call, recommender_x))]
    assert Notification.objects.get(event="package_received").body.endswith("受理2个项目。")
    assert got(event="accepted") == [("alice", "A-1 已受理", overview(a)),
                                     ("bob", "B-1 已受理", overview(b))]


def test_an_extension_tells_the_recommender(call, rex, rita, recommender_x):
    package = quotas.ensure_package(call, recommender_x)
    quotas.grant_extension(package, by=rita, until=call.deadline + timedelta(days=5),
                           reason="系统故障")
    assert got(event="package_extension") == [
        ("rex", f"报送截止时间已延长（{call.title}）", package_link(call, recommender_x))]


def test_recommenders_with_an_unsent_package_are_reminded_7_days_and_1_day_before(
        call, rex, yvonne, recommender_x, recommender_y):
    quotas.ensure_package(call, recommender_x)
    sent = quotas.ensure_package(call, recommender_y)
    RecommendationPackage.objects.filter(pk=sent.pk).update(status="submitted")
    deadline = timezone.localdate(call.deadline)
    for days_before in range(0, 10):
        quotas.remind_deadlines(deadline - timedelta(days=days_before))
    quotas.remind_deadlines(deadline - timedelta(days=7))   # the beat ran twice that day
    assert [t for _u, t, _l in got(event="package_deadline")] == [
        f"推荐材料报送截止还有1天（{call.title}）", f"推荐材料报送截止还有7天（{call.title}）"]
    assert {u for u, _t, _l in got(event="package_deadline")} == {"rex"}


# ---------------------------------------------------------------- the review
@pytest.fixture
def admitted(call, unit_a, unit_b, unit_y, recommender_x, recommender_y, rita, alice, bob, rex):
    call.offers_studio = False
    call.save()
    made = [forwarded(call, unit_a), forwarded(call, unit_b), forwarded(call, unit_y)]
    sending_closed(call)
    for rec in (recommender_x, recommender_y):
        accept_package(call, rec, by=rita)
    return made


def test_starting_the_scoring_tells_each_expert_their_number_of_tasks(call, admitted, region,
                                                                       rita):
    experts = expert_pool(region, 5)
    panel = scoring_panel(call, rita, experts)
    mine = panel.assignments.filter(expert=experts[0]).count()
    assert got(event="assigned", user=experts[0].user) == [
        (experts[0].user.username, f"{panel.name}开始评分", reverse("review:tasks"))]
    assert f"您有{mine}个项目的评审任务" in Notification.objects.get(
        event="assigned", user=experts[0].user).body
    assert len(got(event="assigned")) == 5


def test_a_closed_panel_tells_the_reviewers_and_the_outcome_tells_unit_and_recommender(
        call, admitted, region, rita, alice, rex):
    panel = closed_panel(call, rita, expert_pool(region, 5),
                         [Decimal("0.70"), Decimal("0.90"), Decimal("0.80")])
    assert got(event="panel_closed") == [
        ("rita", f"{panel.name}已结束评分", reverse("review:results", args=[panel.pk]))]
    a = admitted[0]
    decide(call, "base", by=rita, selected_ids=[a.id], departure_reason="综合考虑",
           **OPINIONS)
    assert got(event="decision") == []        # a draft tells nobody
    notice = publish_notice(call, by=rita, starts_on=date(2025, 9, 29), working_days=5,
                            contact="郭慧娟 (0471) 6945102", today=date(2025, 9, 29))
    assert [r for r in got(event="decision") if r[0] in ("alice", "rex")] == [
        ("alice", f"{a.reference} 复审结果", overview(a)),
        ("rex", f"{a.reference} 复审结果", inbox(a)),
        ("rex", f"{admitted[1].reference} 复审结果", inbox(admitted[1]))]
    assert "公示期：2025年9月29日至2025年10月11日" in Notification.objects.filter(
        event="decision", user__username="alice").get().body
    record_objection(notice, by=rita, received_on=date(2025, 9, 30), name="张三",
                     contact="13800000000", content="培训人次数据不实", application=a)
    assert got(event="objection") == [("alice", f"{a.reference} 收到公示异议", overview(a)),
                                      ("rex", f"{a.reference} 收到公示异议", inbox(a))]
    assert "张三" not in Notification.objects.filter(event="objection").first().body


def test_the_deadline_reminders_are_a_daily_beat_task(call, rex, recommender_x):
    from django.conf import settings

    from quotas.tasks import send_deadline_reminders

    assert settings.CELERY_BEAT_SCHEDULE["quotas-deadline-reminders"]["task"] == \
        "quotas.remind_deadlines"
    quotas.ensure_package(call, recommender_x)
    call.recommender_deadline, call.extended_deadline = timezone.now() + timedelta(days=7), None
    call.save()
    assert send_deadline_reminders() == RecommendationPackage.objects.filter(call=call).count()
    assert [t for _u, t, _l in got(event="package_deadline", user=rex)] == [
        f"推荐材料报送截止还有7天（{call.title}）"]
