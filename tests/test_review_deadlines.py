"""Issue 18 §4: receipt, scoring and 公示 of a kind wait for every recommender's (extended)
deadline; a package accepted after the panel closed reopens the panel and is scored, decided
and listed — never stranded."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from core.errors import DomainError
from notify.models import Notification
from quotas.models import RecommendationPackage
from quotas.services import ensure_package, grant_extension
from review.models import Decision, Panel, PanelResult, PanelStatus
from review.services.decision import decide
from review.services.notice import publish_notice
from review.services.panels import assign, auto_assign, start_scoring
from review.services.receipt import accept_package, open_deadlines
from review.services.scoring import close_panel

from .review_support import (
    assignments,
    closed_panel,
    expert_pool,
    fill,
    forwarded,
    scoring_panel,
    sending_closed,
)

pytestmark = pytest.mark.django_db

OPINIONS = {"expert_opinion": "经专家组评审，同意推荐。", "hr_opinion": "同意。",
            "finance_opinion": "同意。"}


def submitted(call, recommender):
    """As submit_package leaves it."""
    RecommendationPackage.objects.filter(call=call, recommender=recommender).update(
        status="submitted")


def extend(call, recommender, rita, days=3):
    package = ensure_package(call, recommender)
    grant_extension(package, by=rita, until=timezone.now() + timedelta(days=days),
                    reason="系统故障，延期报送")


@pytest.fixture
def base_only(call):
    call.offers_studio = False
    call.save()
    return call


def test_receipt_waits_for_every_recommenders_deadline_naming_them(base_only, unit_a,
                                                                   recommender_x,
                                                                   recommender_y, rita):
    forwarded(base_only, unit_a)
    with pytest.raises(DomainError, match=r"以下推荐单位的培训基地建设项目报送截止时间尚未届满，"
                                          r"仍可报送材料：甲市（.+）、乙市（.+）。截止后方可受理。"):
        accept_package(base_only, recommender_x, by=rita)
    sending_closed(base_only)
    extend(base_only, recommender_x, rita)
    submitted(base_only, recommender_x)       # 甲市 sent: no longer open
    assert open_deadlines(base_only, "base") == []
    extend(base_only, recommender_y, rita)
    with pytest.raises(DomainError, match=r"乙市（.+，已延期）"):
        accept_package(base_only, recommender_x, by=rita)


def test_a_recommender_without_a_quota_for_the_kind_does_not_hold_it(base_only, unit_a,
                                                                     recommender_x,
                                                                     recommender_y, rita):
    forwarded(base_only, unit_a)
    sending_closed(base_only)
    extend(base_only, recommender_y, rita)
    base_only.quotas.filter(recommender=recommender_y, kind="base").update(amount=0)
    assert accept_package(base_only, recommender_x, by=rita).accepted_count == 1


def test_scoring_waits_for_deadlines_and_for_every_package_to_be_received(
        base_only, unit_a, unit_y, recommender_x, recommender_y, region, rita):
    forwarded(base_only, unit_a)
    forwarded(base_only, unit_y)
    sending_closed(base_only)
    accept_package(base_only, recommender_x, by=rita)
    with pytest.raises(DomainError, match="尚有培训基地建设项目推荐材料待受理：乙市。请先受理或退回后再开始评分"):
        scoring_panel(base_only, rita, expert_pool(region, 5))
    accept_package(base_only, recommender_y, by=rita)
    panel = Panel.objects.get(call=base_only)
    extend(base_only, recommender_y, rita)
    with pytest.raises(DomainError, match="乙市（.+，已延期）。截止后方可开始评分"):
        start_scoring(panel, by=rita)
    submitted(base_only, recommender_y)
    auto_assign(panel, by=rita)
    assert start_scoring(panel, by=rita).status == PanelStatus.SCORING


def test_a_late_package_reopens_the_closed_panel_and_is_scored_decided_and_listed(
        base_only, unit_a, unit_b, unit_y, recommender_x, recommender_y, region, rita):
    a, b = forwarded(base_only, unit_a), forwarded(base_only, unit_b)
    sending_closed(base_only)
    accept_package(base_only, recommender_x, by=rita)
    experts = expert_pool(region, 5)
    panel = closed_panel(base_only, rita, experts, [Decimal("0.70"), Decimal("0.90")])
    decide(base_only, "base", by=rita, selected_ids=[b.id], **OPINIONS)
    # the region grants 乙市 an extension after the review: the 公示 waits for it
    extend(base_only, recommender_y, rita)
    with pytest.raises(DomainError, match="乙市（.+，已延期）。截止后方可发布公示"):
        publish_notice(base_only, by=rita, starts_on=date(2025, 9, 29), working_days=5,
                       contact="郭慧娟", today=date(2025, 9, 29))
    late = forwarded(base_only, unit_y)
    submitted(base_only, recommender_y)
    accept_package(base_only, recommender_y, by=rita)
    panel.refresh_from_db()
    assert panel.status == PanelStatus.SCORING          # reopened, never "已分配 0 人" closed
    assert not PanelResult.objects.filter(panel=panel).exists()
    assert not Decision.objects.filter(call=base_only).exists()   # the stale draft is dropped
    assert base_only.review_events.filter(action="reopen_panel",
                                          payload__late=[late.reference]).exists()
    told = Notification.objects.get(event="late_admitted", user=panel.chair.user)
    assert late.reference in told.body and "请分配评审专家并评分后再结束评分" in told.body
    with pytest.raises(DomainError, match=f"尚有已受理的项目未分配评审专家：{late.reference}"):
        close_panel(panel, by=rita)
    for e in experts:
        assign(panel, application=late, expert=e, by=rita)
    for x in assignments(panel):
        if x.application_id == late.id:
            fill(x, Decimal("0.80"))
    close_panel(panel, by=rita)
    panel.refresh_from_db()
    assert [r["reference"] for r in panel.result.rows] == [b.reference, late.reference,
                                                           a.reference]
    decide(base_only, "base", by=rita, selected_ids=[b.id, late.id], **OPINIONS)
    notice = publish_notice(base_only, by=rita, starts_on=date(2025, 9, 29), working_days=5,
                            contact="郭慧娟", today=date(2025, 9, 29))
    assert late.unit.name in notice.body
    # after the release a late package is refused with the reason, not silently stranded
    extend(base_only, recommender_x, rita)
    base_only.quotas.filter(recommender=recommender_x, kind="base").update(amount=3)
    forwarded(base_only, unit_a, reference="A-LATE")
    submitted(base_only, recommender_x)
    with pytest.raises(DomainError, match="复审决定已随公示发布，不能再受理甲市逾期报送的材料（A-LATE）"):
        accept_package(base_only, recommender_x, by=rita)


def test_a_late_package_joins_a_panel_still_scoring(base_only, unit_a, unit_y, recommender_x,
                                                    recommender_y, region, rita):
    forwarded(base_only, unit_a)
    sending_closed(base_only)
    accept_package(base_only, recommender_x, by=rita)
    panel = scoring_panel(base_only, rita, expert_pool(region, 5))
    extend(base_only, recommender_y, rita)
    late = forwarded(base_only, unit_y)
    submitted(base_only, recommender_y)
    accept_package(base_only, recommender_y, by=rita)
    panel.refresh_from_db()
    assert panel.status == PanelStatus.SCORING
    for x in assignments(panel):
        fill(x, Decimal("0.80"))
    with pytest.raises(DomainError, match=f"未分配评审专家：{late.reference}"):
        close_panel(panel, by=rita)
    assert Panel.objects.filter(call=base_only, kind="base").count() == 1
