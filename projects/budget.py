"""Spent against budget, per construction content and funding source (表4-2, 万元)."""

from decimal import Decimal

from django.db.models import Sum

from calls.choices import ProjectKind
from calls.wording import budget_sources
from declare.budget import compute_budget
from declare.models import Section
from declare.schema import CONTENTS

from .choices import Purpose

ZERO = Decimal("0.00")


def _budget_amounts(project) -> dict:
    if project.kind == ProjectKind.STUDIO:
        return {"plan": {s: (project.amount if s == "central" else ZERO)
                         for s, _label in budget_sources(project.call.level)}}
    section = Section.objects.filter(application_id=project.application_id, key="t4_2").first()
    return compute_budget(section.data if section else {})["amounts"]


def _spent(project) -> dict:
    rows = project.spendings.values("content", "source").annotate(total=Sum("amount"))
    return {(r["content"] or "plan", r["source"]): r["total"] for r in rows}


def spent_vs_budget(project) -> dict:
    """{"sources": [(key, label)], "rows": [{"key","label","cells": {source: {budget, spent,
    left}}, "total": {…}}], the 合计 row first, "overruns": ["… 超出预算 x 万元"] for every
    cell with a negative 结余}; amounts are Decimal 万元."""
    budget, spent = _budget_amounts(project), _spent(project)
    labels = {key: label for key, label, *_rest in CONTENTS} | {"plan": "工作室建设项目资金"}
    named = budget_sources(project.call.level)
    sources = [key for key, _label in named]
    rows = []
    for content, amounts in budget.items():
        cells = {s: _cell(amounts.get(s, ZERO), spent.get((content, s), ZERO)) for s in sources}
        rows.append({"key": content, "label": labels[content], "cells": cells,
                     "total": _sum(cells.values())})
    totals = {s: _sum(r["cells"][s] for r in rows) for s in sources}
    overruns = [f"{r['label']}（{dict(named)[s]}）超出预算 {-c['left']} 万元"
                for r in rows for s, c in r["cells"].items() if c["left"] < 0]
    rows.insert(0, {"key": "total", "label": "合计", "cells": totals,
                    "total": _sum(totals.values())})
    return {"sources": list(named), "rows": rows, "overruns": overruns}


def overrun(project, *, content: str, source: str, amount: Decimal) -> dict | None:
    """The 表4-2 cell (建设内容 × 资金来源) a payment of `amount` would take past its budget:
    {"label", "budget", "spent", "over"} (万元), or None when it stays within."""
    key = content or "plan"
    row = next((r for r in spent_vs_budget(project)["rows"] if r["key"] == key), None)
    cell = row["cells"][source] if row else _cell(ZERO, ZERO)
    over = cell["spent"] + amount - cell["budget"]
    if over <= 0:
        return None
    return {"label": row["label"] if row else key, "budget": cell["budget"],
            "spent": cell["spent"], "over": over}


def _cell(budget: Decimal, spent: Decimal) -> dict:
    return {"budget": budget, "spent": spent, "left": budget - spent}


def _sum(cells) -> dict:
    cells = list(cells)
    return _cell(sum((c["budget"] for c in cells), ZERO), sum((c["spent"] for c in cells), ZERO))


def spent_by_purpose(project) -> list[tuple[str, Decimal]]:
    rows = project.spendings.values("purpose").annotate(total=Sum("amount")).order_by("purpose")
    return [(Purpose(r["purpose"]).label, r["total"]) for r in rows]
