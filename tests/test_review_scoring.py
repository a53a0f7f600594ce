"""Scoring: bounds at the cell, drafts, submission locks the sheet, the chair reopens, close."""

from decimal import Decimal

import pytest

from review.models import PanelStatus, Score, ScoreSheet, SheetStatus
from review.services.scoring import ScoreErrors, close_panel, reopen_sheet, save_sheet

from .review_support import admit_all, assignments, expert_pool, fill, forwarded, scoring_panel

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(call, unit_a, unit_y, recommender_x, recommender_y, region, rita):
    forwarded(call, unit_a)
    forwarded(call, unit_y)
    admit_all(call, rita, [recommender_x, recommender_y])
    return scoring_panel(call, rita, expert_pool(region, 5))


def _criteria(panel):
    return list(panel.rubric.criteria.all())


def test_score_above_the_maximum_is_refused_at_its_cell_and_nothing_is_saved(panel):
    a = assignments(panel)[0]
    c = _criteria(panel)
    with pytest.raises(ScoreErrors) as exc:
        save_sheet(a, by=a.expert.user, comment="", submit=False,
                   points={c[0].id: "20.5", c[1].id: "-1", c[2].id: "abc", c[3].id: "7.125",
                           c[4].id: "8"})
    assert exc.value.errors == {c[0].id: "得分应在 0 至 20 分之间。",
                                c[1].id: "得分应在 0 至 20 分之间。", c[2].id: "请输入数字。",
                                c[3].id: "得分最多保留两位小数。"}
    assert not Score.objects.exists()


def test_draft_keeps_partial_scores_and_submission_needs_every_criterion(panel):
    a = assignments(panel)[0]
    c = _criteria(panel)
    sheet = save_sheet(a, by=a.expert.user, points={c[0].id: "18"}, comment="", submit=False)
    assert sheet.status == SheetStatus.DRAFT
    assert list(sheet.scores.values_list("points", flat=True)) == [Decimal("18.00")]
    with pytest.raises(ScoreErrors) as exc:
        save_sheet(a, by=a.expert.user, points={c[0].id: "18"}, comment="好", submit=True)
    assert exc.value.errors[c[1].id] == "提交前请填写此项得分。"
    assert len(exc.value.errors) == 5


def test_submitted_sheet_is_locked_until_the_chair_reopens_it(panel):
    a = assignments(panel)[-1]
    sheet = fill(a, Decimal("0.8"))
    assert (sheet.status, sheet.total) == (SheetStatus.SUBMITTED, Decimal("80.00"))
    with pytest.raises(Exception, match="评分表已提交并锁定"):
        fill(a, Decimal("0.9"))
    other = assignments(panel)[1].expert.user
    with pytest.raises(Exception, match="只有专家组组长可以退回评分表。"):
        reopen_sheet(sheet, by=other, reason="请复核")
    chair = panel.chair.user
    reopened = reopen_sheet(sheet, by=chair, reason="请复核经费预算得分")
    assert (reopened.status, reopened.total) == (SheetStatus.DRAFT, None)
    assert fill(a, Decimal("0.9")).total == Decimal("90.00")


def test_expert_cannot_fill_someone_elses_sheet(panel):
    first, second = assignments(panel)[:2]
    with pytest.raises(Exception, match="只能填写分配给您本人的评分表。"):
        save_sheet(first, by=second.expert.user, points={}, comment="", submit=False)


def test_panel_closes_only_when_all_sheets_are_submitted_and_freezes_the_result(panel):
    rows = assignments(panel)
    for i, a in enumerate(rows[:-1]):
        fill(a, Decimal("0.6") + Decimal(i % 5) / 20)
    with pytest.raises(Exception, match=f"尚有评分表未提交：{rows[-1].expert.name}（1 份）。"):
        close_panel(panel, by=panel.chair.user)
    fill(rows[-1], Decimal("0.7"))
    result = close_panel(panel, by=panel.chair.user)
    panel.refresh_from_db()
    assert panel.status == PanelStatus.CLOSED
    assert [r["rank"] for r in result.rows] == [1, 2]
    first = result.rows[0]
    # fractions 0.60 0.65 0.70 0.75 0.80 for one app; trimmed = (65+70+75)/3
    assert (first["trimmed_mean"], first["mean"]) in {("70.00", "70.00")}
    assert result.rubric_version == 1
    assert len(result.raw_sha256) == 64
    with pytest.raises(Exception, match="不能评分"):
        fill(rows[0], Decimal("0.5"))


def test_result_hash_matches_a_recomputation_from_the_stored_scores(panel):
    from review.results import compute

    for a in assignments(panel):
        fill(a, Decimal("0.75"))
    result = close_panel(panel, by=panel.chair.user)
    again = compute(panel)
    assert again["raw_sha256"] == result.raw_sha256
    assert again["rows"] == result.rows
    assert ScoreSheet.objects.filter(status=SheetStatus.SUBMITTED).count() == 10
