"""Score arithmetic: exact Decimals, the trimmed mean, the stated tie rule, reproducibility."""

from decimal import Decimal as D

from review.aggregation import (
    kendalls_w,
    leniency,
    rank,
    raw_scores_sha256,
    sheet_total,
    summarise,
)


def test_trimmed_mean_drops_one_highest_and_one_lowest_of_five_scores():
    s = summarise(1, "R1", [D("80.00"), D("90.50"), D("70.25"), D("85.00"), D("99.00")], D("20"))
    assert s.totals == [D("70.25"), D("80.00"), D("85.00"), D("90.50"), D("99.00")]
    assert s.mean == D("84.95")          # 424.75 / 5
    assert s.trimmed_mean == D("85.17")  # (80 + 85 + 90.5) / 3 = 85.1666… → 85.17
    assert s.spread == D("28.75")
    assert s.disagreement is True


def test_fewer_than_five_scores_use_the_plain_mean_and_round_half_up():
    s = summarise(1, "R1", [D("80.00"), D("80.01"), D("80.00"), D("80.00")], D("20"))
    assert s.mean == D("80.00")          # 320.01 / 4 = 80.0025 → 80.00
    assert s.trimmed_mean == D("80.00")
    s = summarise(2, "R2", [D("0.01"), D("0.00")], D("20"))
    assert s.mean == D("0.01")           # 0.005 → 0.01 (half up, not banker's 0.00)
    assert s.disagreement is False


def test_sheet_total_weights_each_criterion_and_rounds_half_up():
    assert sheet_total([(D("18.5"), D("1")), (D("10.25"), D("1.5")), (D("3.33"), D("0.5"))]) == \
        D("35.54")  # 18.5 + 15.375 + 1.665 = 35.54


def test_tie_rule_trimmed_then_mean_then_spread_then_reference():
    a = summarise(1, "B-2", [D("80"), D("80"), D("80"), D("80"), D("90")], D("20"))
    b = summarise(2, "A-1", [D("70"), D("80"), D("80"), D("80"), D("80")], D("20"))
    c = summarise(3, "C-3", [D("80"), D("80"), D("80"), D("80"), D("80")], D("20"))
    d = summarise(4, "A-0", [D("80"), D("80"), D("80"), D("80"), D("80")], D("20"))
    ordered = rank([b, c, a, d])
    # all trimmed 80.00; a has the higher mean (82); c and d tie on mean 80 and spread 0, the
    # earlier reference A-0 goes first; b has mean 78.
    assert [s.reference for s in ordered] == ["B-2", "A-0", "C-3", "A-1"]
    assert [s.rank for s in ordered] == [1, 2, 3, 4]


def test_lower_spread_wins_when_trimmed_and_mean_are_equal():
    wide = summarise(1, "A", [D("70"), D("80"), D("90")], D("50"))
    narrow = summarise(2, "B", [D("75"), D("80"), D("85")], D("50"))
    assert [s.reference for s in rank([wide, narrow])] == ["B", "A"]


def test_raw_score_hash_is_independent_of_row_order_and_number_format():
    rows = [{"application": "R1", "expert": 2, "criterion": 1, "points": D("18.5")},
            {"application": "R1", "expert": 1, "criterion": 1, "points": D("20")}]
    same = [{"application": "R1", "expert": 1, "criterion": 1, "points": "20.00"},
            {"application": "R1", "expert": 2, "criterion": 1, "points": "18.50"}]
    assert raw_scores_sha256(rows) == raw_scores_sha256(same)
    assert len(raw_scores_sha256(rows)) == 64
    changed = [dict(same[0]), {**same[1], "points": "18.51"}]
    assert raw_scores_sha256(changed) != raw_scores_sha256(rows)


def test_kendalls_w_is_one_for_identical_rankings_and_zero_for_opposite_pairs():
    agree = {(e, a): D(str(10 * a + e)) for e in (1, 2, 3) for a in (1, 2, 3, 4)}
    assert kendalls_w(agree) == 1.0
    opposite = {(1, 1): D("1"), (1, 2): D("2"), (2, 1): D("2"), (2, 2): D("1")}
    assert kendalls_w(opposite) == 0.0


def test_kendalls_w_needs_two_experts_scoring_every_application():
    assert kendalls_w({(1, 1): D("1"), (1, 2): D("2")}) is None


def test_leniency_is_positive_for_the_expert_who_scores_above_the_others():
    m = {(1, 1): D("90"), (2, 1): D("80"), (3, 1): D("70"),
         (1, 2): D("85"), (2, 2): D("75"), (3, 2): D("65")}
    z = leniency(m)
    assert z == {1: 1.22, 2: 0.0, 3: -1.22}
