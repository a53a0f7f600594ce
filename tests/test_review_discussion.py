"""Scoring with discussion: the chair sees each project's totals, spread, outliers and the
experts' 评审意见 while scoring is open; a thread per project for its experts and the chair
(never a conflicted expert); the chair returns a sheet and reopens a closed panel with a
reason; the chair's 专家组意见 is what 表5 prints for that project."""

from decimal import Decimal

import pytest
from django.urls import reverse

from audit.models import AuditLog
from calls.choices import ProjectKind
from review.aggregation import disagreement
from review.models import DiscussionPost, PanelResult, PanelStatus, ReviewEvent, SheetStatus
from review.opinions import table5_for
from review.services.decision import decide
from review.services.discussion import draft_opinion, save_opinion
from review.services.scoring import close_panel, reopen_panel, reopen_sheet

from . import test_review_scoring as same
from .factories import OrganisationFactory
from .review_support import admit_all, assignments, expert, expert_pool, fill, forwarded
from .review_support import scoring_panel as start

pytestmark = pytest.mark.django_db
panel = same.panel   # the same fixture


def _plant_outlier(panel):
    """Four experts give the first project 80, the last one 60."""
    rows = assignments(panel)
    first = rows[0].application
    mine = [a for a in rows if a.application_id == first.id]
    for a in mine[:-1]:
        fill(a, Decimal("0.8"), comment=f"{a.expert.name}：基础扎实，同意推荐。")
    low = fill(mine[-1], Decimal("0.6"), comment="实训设备不足，建议不予推荐。")
    return first, mine, low


def test_one_rule_flags_a_total_far_from_the_median_and_a_wide_spread():
    d = disagreement({1: Decimal("80"), 2: Decimal("80"), 3: Decimal("80"), 4: Decimal("80"),
                      5: Decimal("60")}, Decimal("20"))
    assert (d.median, d.spread, d.divided, d.outliers) == (Decimal("80"), Decimal("20"), False,
                                                           {5})
    d = disagreement({1: Decimal("55"), 2: Decimal("70"), 3: Decimal("80")}, Decimal("20"))
    assert (d.median, d.divided, d.outliers) == (Decimal("70"), True, set())
    assert disagreement({}, Decimal("20")).median is None


def test_chair_sees_totals_outlier_and_comments_while_scoring_is_open(client, panel):
    first, mine, low = _plant_outlier(panel)
    client.force_login(panel.chair.user)
    page = client.get(reverse("review:progress", args=[panel.pk])).content.decode()
    assert f"离群：{mine[-1].expert.name}" in page
    assert "实训设备不足，建议不予推荐。" in page
    assert "<strong>60.00</strong>" in page and "<strong>80.00</strong>" in page
    assert reverse("review:sheet_reopen", args=[low.pk]) in page


def test_returned_sheet_goes_back_to_its_expert_with_the_reason(client, panel):
    _first, mine, low = _plant_outlier(panel)
    reopen_sheet(low, by=panel.chair.user, reason="请复核实训设备得分")
    low.refresh_from_db()
    assert low.status == SheetStatus.DRAFT
    client.force_login(mine[-1].expert.user)
    page = client.get(reverse("review:sheet", args=[mine[-1].pk])).content.decode()
    assert "组长退回重评：请复核实训设备得分" in page
    assert fill(mine[-1], Decimal("0.78")).total == Decimal("78.00")


def test_thread_is_for_the_projects_experts_and_the_chair_and_every_post_is_audited(
        client, call, unit_a, unit_y, recommender_x, recommender_y, region, rita):
    a_app = forwarded(call, unit_a)
    forwarded(call, unit_y)
    admit_all(call, rita, [recommender_x, recommender_y])
    pool = expert_pool(region, 5)
    panel = start(call, rita, pool, per_application=5)
    rows = assignments(panel)
    scorer = next(a for a in rows if a.application_id == a_app.id
                  and a.expert_id != panel.chair_id).expert
    url = reverse("review:discussion", args=[panel.pk, a_app.pk])
    client.force_login(scorer.user)
    client.post(reverse("review:discussion_post", args=[panel.pk, a_app.pk]),
                {"body": "实训工位数与花名册不符，请大家核对。"})
    assert DiscussionPost.objects.get().author_label.endswith("（评审专家）")
    assert ReviewEvent.objects.filter(action="discussion_post", subject=a_app.reference).exists()
    assert AuditLog.objects.filter(detail__step="discussion_post").exists()
    client.force_login(panel.chair.user)
    assert "实训工位数与花名册不符" in client.get(url).content.decode()
    outsider = expert(region, username="outsider")   # not a member, not assigned
    client.force_login(outsider.user)
    assert client.get(url).status_code == 404


def test_a_conflicted_expert_never_sees_the_thread(client, call, unit_a, unit_y, recommender_x,
                                                   recommender_y, region, rita):
    forwarded(call, unit_a)
    y_app = forwarded(call, unit_y)
    admit_all(call, rita, [recommender_x, recommender_y])
    company = OrganisationFactory(parent=recommender_y, name="乙市某公司")
    local = expert(company, username="local_y")
    panel = start(call, rita, [*expert_pool(region, 5), local, *expert_pool(region, 1, "z")],
                  per_application=5)
    client.force_login(local.user)
    assert client.get(reverse("review:discussion", args=[panel.pk, y_app.pk])).status_code == 404
    assert not panel.assignments.filter(expert=local, application=y_app).exists()


def test_chair_opinion_is_prefilled_from_comments_and_is_what_table5_prints(
        panel, call, rita):
    first, _mine, _low = _plant_outlier(panel)
    draft = draft_opinion(panel, first)
    assert draft.startswith("经专家组评审（5位专家），意见如下：\n1. ")
    assert "实训设备不足，建议不予推荐。" in draft
    save_opinion(panel, first, by=panel.chair.user, text="专家组认为该基地基础扎实，同意推荐。")
    other = next(a.application for a in assignments(panel) if a.application_id != first.id)
    for a in assignments(panel):
        if a.application_id == other.id:
            fill(a, Decimal("0.7"))
    close_panel(panel, by=panel.chair.user)
    decide(call, ProjectKind.BASE, by=rita, selected_ids=[first.id],
           expert_opinion="经专家组评审，同意推荐。", hr_opinion="同意。", finance_opinion="同意。")
    assert table5_for(first)["expert_opinion"] == "专家组认为该基地基础扎实，同意推荐。"
    assert table5_for(other)["expert_opinion"] == "经专家组评审，同意推荐。"
    with pytest.raises(Exception, match="只有专家组组长或审核人员可以填写专家组意见"):
        save_opinion(panel, first, by=_mine[1].expert.user, text="改")


def test_chair_reopens_a_closed_panel_with_a_reason_and_the_result_is_recomputed(panel, rita):
    for a in assignments(panel):
        fill(a, Decimal("0.8"))
    close_panel(panel, by=panel.chair.user)
    member = assignments(panel)[1].expert.user
    with pytest.raises(Exception, match="只有专家组组长或审核人员可以重新开放评分"):
        reopen_panel(panel, by=member, reason="复核")
    with pytest.raises(Exception, match="请填写重新开放评分的理由"):
        reopen_panel(panel, by=panel.chair.user, reason=" ")
    reopened = reopen_panel(panel, by=panel.chair.user, reason="一名专家申请复核评分")
    assert reopened.status == PanelStatus.SCORING and reopened.reopen_reason
    assert not PanelResult.objects.filter(panel=panel).exists()
    assert ReviewEvent.objects.filter(action="reopen_panel").get().payload["reason"] == \
        "一名专家申请复核评分"
    sheet = assignments(panel)[0].sheet
    reopen_sheet(sheet, by=panel.chair.user, reason="请复核")
    fill(assignments(panel)[0], Decimal("0.9"))
    assert close_panel(panel, by=panel.chair.user).raw_sha256


def test_no_reopen_once_the_decision_is_saved(panel, call, rita):
    for a in assignments(panel):
        fill(a, Decimal("0.8"))
    close_panel(panel, by=panel.chair.user)
    decide(call, ProjectKind.BASE, by=rita, selected_ids=[assignments(panel)[0].application_id],
           expert_opinion="经专家组评审。", hr_opinion="同意。", finance_opinion="同意。")
    with pytest.raises(Exception, match="已保存复审决定，不能重新开放评分"):
        reopen_panel(panel, by=rita, reason="复核")
