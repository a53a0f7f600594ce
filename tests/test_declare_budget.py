from decimal import Decimal as D

from declare.budget import compute_budget, parse_amount, shares, store_amounts
from declare.demo.base import BUDGET


def grid(**rows):
    return {c: dict(zip(("central", "local", "industry", "other"), vals, strict=True))
            for c, vals in rows.items()}


def test_totals_and_ratios_of_the_demo_budget():
    b = compute_budget({"budget": BUDGET})
    assert b["grand_total"] == D("500.00")
    assert b["totals"] == {"central": D("300.00"), "local": D("100.00"),
                           "industry": D("60.00"), "other": D("40.00"), "total": D("500.00")}
    total_row, system, capacity, results = b["rows"]
    assert [r["key"] for r in b["rows"]] == ["total", "system", "capacity", "results"]
    assert total_row["label"] == "合计"
    assert total_row["ratios"] == {"central": D("60.00"), "local": D("20.00"),
                                   "industry": D("12.00"), "other": D("8.00")}
    assert total_row["total_ratio"] == D("100.00")
    assert system["total"] == D("190.00")
    assert system["ratios"] == {"central": D("63.16"), "local": D("21.05"),
                                "industry": D("10.53"), "other": D("5.26")}
    assert system["total_ratio"] == D("38.00")
    assert capacity["total"] == D("235.00")
    assert capacity["total_ratio"] == D("47.00")
    assert results["total"] == D("75.00")
    # 40, 15, 10, 10 of 75: the missing hundredth goes to the first of the tied remainders
    assert results["ratios"] == {"central": D("53.34"), "local": D("20.00"),
                                 "industry": D("13.33"), "other": D("13.33")}
    assert b["ratios"]["results"]["total"] == D("15.00")


def test_shares_round_by_largest_remainder_to_exactly_100():
    assert shares([D("1"), D("1"), D("1")], D("3")) == [D("33.34"), D("33.33"), D("33.33")]
    assert shares([D("2"), D("1")], D("3")) == [D("66.67"), D("33.33")]
    assert shares([D("1"), D("1"), D("1"), D("0")], D("3")) == [
        D("33.34"), D("33.33"), D("33.33"), D("0.00")]
    # the hundredth goes to the largest remainder, not to the first part
    assert shares([D("1"), D("2"), D("4")], D("7")) == [D("14.29"), D("28.57"), D("57.14")]
    assert shares([D("0.01"), D("7.99")], D("8.00")) == [D("0.13"), D("99.87")]
    assert shares([D("1"), D("0")], D("0")) == [D("0.00"), D("0.00")]


def test_every_row_and_the_total_column_sum_to_exactly_100():
    b = compute_budget(grid(system=("1", "1", "1", "0"), capacity=("1", "1", "1", "0"),
                            results=("1", "1", "1", "0")))
    system = b["rows"][1]
    assert [system["ratios"][s] for s in ("central", "local", "industry", "other")] == [
        D("33.34"), D("33.33"), D("33.33"), D("0.00")]
    for row in b["rows"]:
        assert sum(row["ratios"].values()) == D("100.00")
    assert sum(r["total_ratio"] for r in b["rows"][1:]) == D("100.00")


def test_an_empty_budget_is_all_zero_without_division_errors():
    b = compute_budget({})
    assert b["grand_total"] == D("0.00")
    assert all(r["total_ratio"] == D("0.00") for r in b["rows"])
    assert all(v == D("0.00") for r in b["rows"] for v in r["ratios"].values())


def test_unreadable_amounts_count_as_zero_in_the_arithmetic():
    assert parse_amount("abc") == D("0.00")
    assert parse_amount("NaN") == D("0.00")
    assert parse_amount(None) == D("0.00")
    assert parse_amount("12.5") == D("12.50")


def test_only_the_twelve_amounts_are_stored_with_two_decimals():
    stored = store_amounts({"system": {"central": D("12.5"), "local": None},
                            "capacity": {}, "results": {"other": D("0")}})
    assert stored == {
        "system": {"central": "12.50", "local": "", "industry": "", "other": ""},
        "capacity": {"central": "", "local": "", "industry": "", "other": ""},
        "results": {"central": "", "local": "", "industry": "", "other": "0.00"},
    }
