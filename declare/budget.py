"""表4-2 投入预算汇总: the arithmetic of the budget grid.

Only the 12 amounts (three construction contents × four sources, in 万元) are stored, as
strings with two decimals: {"system": {"central": "120.00", …}, "capacity": {…}, "results": {…}}.
Everything else on the form is computed here and never typed.
"""

from decimal import ROUND_HALF_UP, Decimal

from calls.wording import budget_sources

from .numbers import AMOUNT, NumberError, parse_number
from .schema import BUDGET_SOURCES, CONTENTS

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal("100")
SOURCE_KEYS = tuple(key for key, _label in BUDGET_SOURCES)
CONTENT_KEYS = tuple(key for key, *_rest in CONTENTS)
TOTAL = "total"


def cell_name(field_key: str, content: str, source: str) -> str:
    """The form input name of one amount cell, e.g. budget-system-central."""
    return f"{field_key}-{content}-{source}"


def parse_amount(value) -> Decimal:
    """An amount (stored, or as typed in a refused post) read by the one number grammar, as the
    page's live total reads it (static/js/numbers.js); blank or refused counts as 0 (the form
    refuses those at their cell)."""
    try:
        amount = parse_number(value, AMOUNT)
    except NumberError:
        return ZERO
    return ZERO if amount is None else amount.quantize(CENT, ROUND_HALF_UP)


def shares(parts: list[Decimal], whole: Decimal) -> list[Decimal]:
    """Each part's share of `whole` in percent with 2 decimals, by largest remainder: every
    share is first cut down to the hundredth, then the hundredths still missing to 100.00 go
    one each to the parts with the largest cut-off remainders (the earlier part on a tie), so
    the shares of parts that make up `whole` add to exactly 100.00. All 0.00 when whole is 0."""
    if not whole:
        return [ZERO] * len(parts)
    exact = [p * 10000 / whole for p in parts]  # in hundredths of a percent
    floors = [int(e) for e in exact]
    missing = max(0, min(len(parts), round(sum(exact)) - sum(floors)))
    by_remainder = sorted(range(len(parts)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in by_remainder[:missing]:
        floors[i] += 1
    return [Decimal(f).scaleb(-2) for f in floors]


def _amounts(data: dict) -> dict:
    grid = data.get("budget", data) if isinstance(data, dict) else {}
    grid = grid if isinstance(grid, dict) else {}
    return {c: {s: parse_amount((grid.get(c) or {}).get(s)) for s in SOURCE_KEYS}
            for c in CONTENT_KEYS}


def compute_budget(data: dict, level: str = "") -> dict:
    """The whole 表4-2 from the 12 amounts.

    `data` is either the stored amounts grid or the t4_2 section data holding it under
    "budget". Rules:
    - 合计 column of a row = the sum of its four sources; 合计 row = the column sums; the
      bottom-right cell is the grand total.
    - 比例(%) of a source cell = that amount ÷ the 合计 of the same row × 100 (its share of
      the row), so within each row the four source ratios describe where the money comes from.
    - 比例(%) of the 合计 column = the row's 合计 ÷ the grand total × 100 (the content's share
      of the whole budget); for the 合计 row it is therefore 100.00 (0.00 when nothing is
      budgeted yet).
    - The ratios that make up 100 (the four sources of a row; the three contents in the 合计
      column) are rounded together by largest remainder (`shares`), so each such set adds to
      exactly 100.00 as the paper form's rows do (1/3, 1/3, 1/3 → 33.34, 33.33, 33.33).
    - Any division by a zero total gives 0.00 (the print shows "—" for those).

    Returns {"sources": [(key, label)], "rows": [row…], "amounts": {content: {source: D}},
    "totals": {source: D, "total": D}, "ratios": {content|"total": {source|"total": D}},
    "grand_total": D}; each row is {"key", "label", "amounts": {source: D}, "ratios":
    {source: D}, "total": D, "total_ratio": D}, the 合计 row (key "total") first as on the form.
    """
    amounts = _amounts(data)
    row_totals = {c: sum(amounts[c].values(), ZERO) for c in CONTENT_KEYS}
    col_totals = {s: sum((amounts[c][s] for c in CONTENT_KEYS), ZERO) for s in SOURCE_KEYS}
    grand = sum(row_totals.values(), ZERO)
    labels = {key: label for key, label, *_rest in CONTENTS}
    lines = [(TOTAL, "合计", col_totals, grand)] + [
        (c, labels[c], amounts[c], row_totals[c]) for c in CONTENT_KEYS]
    column = dict(zip(CONTENT_KEYS, shares([row_totals[c] for c in CONTENT_KEYS], grand),
                      strict=True)) | {TOTAL: HUNDRED.quantize(CENT) if grand else ZERO}
    rows = [{"key": key, "label": label, "amounts": cells, "total": total,
             "ratios": dict(zip(SOURCE_KEYS, shares([cells[s] for s in SOURCE_KEYS], total),
                                strict=True)),
             "total_ratio": column[key]} for key, label, cells, total in lines]
    return {
        "sources": list(budget_sources(level) if level else BUDGET_SOURCES),
        "rows": rows,
        "amounts": amounts,
        "totals": {**col_totals, TOTAL: grand},
        "ratios": {r["key"]: {**r["ratios"], TOTAL: r["total_ratio"]} for r in rows},
        "grand_total": grand,
    }


def store_amounts(cleaned: dict) -> dict:
    """The stored form of the grid from {content: {source: Decimal|None}}: '0.00'-style strings."""
    return {c: {s: "" if cleaned.get(c, {}).get(s) is None
                else str(cleaned[c][s].quantize(CENT, ROUND_HALF_UP)) for s in SOURCE_KEYS}
            for c in CONTENT_KEYS}
