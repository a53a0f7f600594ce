"""Issue 18 §10: an optional 答辩成绩 on the rubric's full marks enters the ranking by the stated
rule final = 去极值平均分 × (1 − w) + 答辩成绩 × w (w a call threshold, 0 by default = not used);
the rule is printed on the results and decision pages, the defence shown on the decision."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from core.errors import DomainError
from review.aggregation import defence_rule, final_ranking, final_score
from review.models import DefenceSlot
from review.results import ranked_rows
from review.services.decision import decide
from review.services.defence import record_defence

from .review_support import admit_all, closed_panel, expert_pool, forwarded

pytestmark = pytest.mark.django_db

OPINIONS = {"expert_opinion": "同意推荐。", "hr_opinion": "同意。", "finance_opinion": "同意。"}


def row(app_id, ref, trimmed, mean=None, spread="0"):
    return {"application_id": app_id, "reference": ref, "trimmed_mean": trimmed,
            "mean": mean or trimmed, "spread": spread, "rank": 0}


def test_the_rule_weighs_review_and_defence_and_breaks_ties_by_the_review():
    assert final_score(Decimal("90"), Decimal("70"), Decimal("0.3")) == Decimal("84.00")
    rows = [row(1, "A", "90.00"), row(2, "B", "85.00"), row(3, "C", "80.00")]
    ranked = final_ranking(rows, {1: Decimal("0"), 2: Decimal("95"), 3: None}, Decimal("0.4"))
    assert [(r["reference"], r["final"], r["rank"]) for r in ranked] == [
        ("B", Decimal("89.00"), 1), ("A", Decimal("54.00"), 2), ("C", None, 3)]
    same = final_ranking(rows, {}, Decimal("0"))
    assert [r["reference"] for r in same] == ["A", "B", "C"]
    assert "不计入排名" in defence_rule(Decimal("0"))
    assert "w = 0.4" in defence_rule(Decimal("0.4")) and "缺席" in defence_rule(Decimal("0.4"))


@pytest.fixture
def panel(call, unit_a, unit_b, recommender_x, region, rita):
    call.offers_studio = False
    call.save()
    forwarded(call, unit_a)
    forwarded(call, unit_b)
    admit_all(call, rita, [recommender_x])
    return closed_panel(call, rita, expert_pool(region, 5), [Decimal("0.70"), Decimal("0.90")])


def slot(panel, app, rita, hours_ago=2):
    now = timezone.now()
    return DefenceSlot.objects.create(panel=panel, application=app, place="腾讯会议",
                                      starts_at=now - timedelta(hours=hours_ago),
                                      ends_at=now - timedelta(hours=hours_ago - 1),
                                      updated_by=rita)


def test_a_defence_score_is_recorded_on_the_rubrics_full_marks_only_for_an_attended_defence(
        panel, rita):
    a = panel.result.rows[1]["application_id"]
    s = slot(panel, panel.call.applications.get(pk=a), rita)
    with pytest.raises(DomainError, match="答辩成绩应在 0 至 100 分之间"):
        record_defence(s, attendance="attended", attendees="", notes="", score="120", by=rita)
    with pytest.raises(DomainError, match="只有已出席答辩的项目才能录入答辩成绩"):
        record_defence(s, attendance="absent", attendees="", notes="", score="60", by=rita)
    with pytest.raises(DomainError, match="请输入数字"):
        record_defence(s, attendance="attended", attendees="", notes="", score="优秀", by=rita)
    record_defence(s, attendance="attended", attendees="张三", notes="", score="88.5", by=rita)
    assert DefenceSlot.objects.get(pk=s.pk).score == Decimal("88.50")


def test_with_a_weight_the_defence_reorders_the_decision_and_its_page_prints_the_rule(
        panel, call, rita, client):
    first, second = (panel.result.rows[0]["application_id"],
                     panel.result.rows[1]["application_id"])   # 90% then 70%
    call.thresholds = {**(call.thresholds or {}), "defence_weight": "0.5"}
    call.save()
    s1 = slot(panel, call.applications.get(pk=first), rita)
    with pytest.raises(DomainError, match="答辩成绩计入排名，尚未录入答辩成绩"):
        decide(call, "base", by=rita, selected_ids=[first], **OPINIONS)
    record_defence(s1, attendance="absent", attendees="", notes="未上线", by=rita)
    s2 = slot(panel, call.applications.get(pk=second), rita)
    record_defence(s2, attendance="attended", attendees="", notes="", score="95", by=rita)
    ranked = ranked_rows(panel)
    assert [r["application_id"] for r in ranked] == [second, first]   # 82.5 vs 45
    assert ranked[0]["final"] == Decimal("82.50") and ranked[1]["final"] == Decimal("45.00")
    decide(call, "base", by=rita, selected_ids=[second], **OPINIONS)  # follows the final ranking
    client.force_login(rita)
    page = client.get(f"/review/calls/{call.pk}/decision/base/").content.decode()
    assert "最终得分" in page and "w = 0.5" in page and "缺席" in page and "95" in page
    results = client.get(f"/review/panels/{panel.pk}/results/").content.decode()
    assert "计入答辩成绩后的排名" in results and "w = 0.5" in results
