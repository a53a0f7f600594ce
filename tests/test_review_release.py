"""Issue 18 §1: a decision is a draft until the 公示 releases it; after that only a 复议 with its
reason changes it, telling only the applicants whose outcome changed."""

from datetime import date
from decimal import Decimal

import pytest

from audit.models import AuditLog
from core.errors import DomainError
from declare.models import Application, ApplicationStatus
from notify.models import Notification
from review.models import Decision, ObjectionOutcome, ReviewEvent
from review.services.decision import decide, reconsider
from review.services.notice import (
    confirm_list,
    publish_notice,
    record_objection,
    resolve_objection,
)

from .review_support import admit_all, closed_panel, expert_pool, forwarded

pytestmark = pytest.mark.django_db

OPINIONS = {"expert_opinion": "经专家组评审，同意推荐。", "hr_opinion": "同意。",
            "finance_opinion": "同意。"}
CONTACT = "郭慧娟 (0471) 6945102"


@pytest.fixture
def ranked(call, unit_a, unit_b, unit_y, recommender_x, recommender_y, region, rita, alice, bob,
           rex, yvonne):
    """Three base applications scored B (0.90) > Y (0.80) > A (0.70); returns (a, b, y)."""
    call.offers_studio = False
    call.save()
    apps = [forwarded(call, unit_a), forwarded(call, unit_b), forwarded(call, unit_y)]
    admit_all(call, rita, [recommender_x, recommender_y])
    closed_panel(call, rita, expert_pool(region, 5),
                 [Decimal("0.70"), Decimal("0.90"), Decimal("0.80")])
    return apps


def decisions_told():
    return Notification.objects.filter(event="decision")


def publish(call, rita):
    return publish_notice(call, by=rita, starts_on=date(2025, 9, 29), working_days=5,
                          contact=CONTACT, today=date(2025, 9, 29))


def test_saving_a_decision_three_times_moves_nothing_and_tells_nobody(ranked, call, rita):
    a, b, y = ranked
    for selected, reason in (([a.id], "答辩表现突出"), ([b.id, a.id], "综合考虑"), ([b.id, y.id], "")):
        decide(call, "base", by=rita, selected_ids=selected, departure_reason=reason, **OPINIONS)
    assert set(Application.objects.filter(pk__in=[a.id, b.id, y.id])
               .values_list("status", flat=True)) == {ApplicationStatus.ACCEPTED}
    assert not decisions_told().exists()
    assert Decision.objects.get(call=call).released_at is None
    assert ReviewEvent.objects.filter(call=call, action="decide").count() == 3


def test_the_notice_releases_the_decision_once_with_the_final_outcome(ranked, call, rita):
    a, b, y = ranked
    decide(call, "base", by=rita, selected_ids=[a.id], departure_reason="答辩表现突出",
           **OPINIONS)
    decide(call, "base", by=rita, selected_ids=[b.id, y.id], **OPINIONS)
    publish(call, rita)
    assert dict(Application.objects.filter(pk__in=[a.id, b.id, y.id])
                .values_list("reference", "status")) == {
        a.reference: ApplicationStatus.REJECTED, b.reference: ApplicationStatus.APPROVED,
        y.reference: ApplicationStatus.APPROVED}
    # each application moved once: one approve or reject on its timeline, never reconsider
    for app in (a, b, y):
        actions = list(app.events.filter(action__in=["approve", "reject", "reconsider"])
                       .values_list("action", flat=True))
        assert actions == ["reject" if app == a else "approve"]
    per_user = {(n.user.username, n.title): n.body for n in decisions_told()}
    assert per_user[("alice", f"{a.reference} 复审结果")].endswith("复审未入选。")
    assert "拟推荐备案，现予以公示，公示期：2025年9月29日至2025年10月11日" in \
        per_user[("bob", f"{b.reference} 复审结果")]
    # unit_y has no applicant account: its recommender is told
    assert sorted(u for u, _t in per_user) == ["alice", "bob", "rex", "rex", "yvonne"]
    assert decisions_told().count() == 5
    assert Decision.objects.get(call=call).released_at is not None


def test_a_released_decision_is_not_saved_again_but_reconsidered_with_a_reason(ranked, call,
                                                                              rita):
    a, b, y = ranked
    decide(call, "base", by=rita, selected_ids=[b.id, y.id], **OPINIONS)
    publish(call, rita)
    before = decisions_told().count()
    with pytest.raises(DomainError, match="复审决定已随公示发布，不能直接修改；如需变更，请提出复议"):
        decide(call, "base", by=rita, selected_ids=[b.id], **OPINIONS)
    with pytest.raises(DomainError, match="请填写复议理由"):
        reconsider(call, "base", by=rita, selected_ids=[b.id, a.id], reason=" ")
    with pytest.raises(DomainError, match="与已发布的决定相同"):
        reconsider(call, "base", by=rita, selected_ids=[b.id, y.id], reason="复核")
    changed = reconsider(call, "base", by=rita, selected_ids=[b.id, a.id],
                         reason="乙市康养培训中心培训人次经核查不实")
    assert sorted(x.reference for x in changed) == sorted([a.reference, y.reference])
    assert Application.objects.get(pk=a.id).status == ApplicationStatus.APPROVED
    assert Application.objects.get(pk=y.id).status == ApplicationStatus.REJECTED
    assert Application.objects.get(pk=b.id).events.filter(action="reconsider").count() == 0
    # the timeline of each affected application says why
    assert list(Application.objects.get(pk=y.id).events.filter(action__in=["reconsider", "reject"])
                .values_list("action", "comment")) == [
        ("reconsider", "复议：乙市康养培训中心培训人次经核查不实"),
        ("reject", "复议：乙市康养培训中心培训人次经核查不实")]
    # only the affected applicants (and their recommenders) are told
    told = decisions_told().order_by("id")[before:]
    assert sorted(n.user.username for n in told) == ["alice", "rex", "yvonne"]
    assert all("复议理由：乙市康养培训中心培训人次经核查不实。" in n.body for n in told)
    event = ReviewEvent.objects.get(call=call, action="reconsider")
    assert event.payload["reason"] == "乙市康养培训中心培训人次经核查不实"
    assert AuditLog.objects.filter(action="transition", object_id=str(y.id)).exists()


def test_a_draft_is_not_reconsidered_and_a_confirmed_list_is_final(ranked, call, rita):
    a, b, y = ranked
    decide(call, "base", by=rita, selected_ids=[b.id, y.id], **OPINIONS)
    with pytest.raises(DomainError, match="复审决定尚未发布，可直接修改并保存"):
        reconsider(call, "base", by=rita, selected_ids=[b.id], reason="x")
    notice = publish(call, rita)
    confirm_list(notice, by=rita, today=date(2025, 10, 13))
    with pytest.raises(DomainError, match="推荐名单已确认，不能再复议"):
        reconsider(call, "base", by=rita, selected_ids=[b.id], reason="x")


def test_reconsideration_cannot_put_back_a_project_an_upheld_objection_removed(ranked, call,
                                                                              rita):
    a, b, y = ranked
    decide(call, "base", by=rita, selected_ids=[b.id, y.id], **OPINIONS)
    notice = publish(call, rita)
    objection = record_objection(notice, by=rita, received_on=date(2025, 9, 30), name="李四",
                                 contact="139", content="材料造假", application=y)
    resolve_objection(objection, by=rita, outcome=ObjectionOutcome.UPHELD, handling="核查属实")
    with pytest.raises(DomainError, match=f"{y.reference}的公示异议已成立，不能复议列入"):
        reconsider(call, "base", by=rita, selected_ids=[b.id, y.id], reason="重新考虑")


def test_the_decision_page_says_draft_then_released_and_records_the_reconsideration(
        ranked, call, rita, client):
    a, b, y = ranked
    client.force_login(rita)
    url = f"/review/calls/{call.pk}/decision/base/"
    form = {"selected": [b.id, y.id], **OPINIONS}
    page = client.post(url, form, follow=True).content.decode()
    assert "复审决定已保存为草稿（仅本厅可见）" in page and "草稿" in page
    assert not decisions_told().exists()
    publish(call, rita)
    page = client.get(url).content.decode()
    assert "已随公示发布" in page and "提交复议" in page
    refused = client.post(url, {**form, "selected": [b.id, a.id], "reason": ""}).content.decode()
    assert "请填写复议理由" in refused
    page = client.post(url, {**form, "selected": [b.id, a.id], "reason": "经核查调整"},
                       follow=True).content.decode()
    assert "复议已记录" in page and "复议记录" in page and "经核查调整" in page
