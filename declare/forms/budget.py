"""The 表4-2 grid inside the section form: 12 amount inputs, everything else computed."""

import json

from django import forms

from calls.wording import budget_sources
from core.a11y import name_cell

from ..budget import CONTENT_KEYS, SOURCE_KEYS, cell_name, compute_budget
from ..numbers import AMOUNT
from ..schema import BUDGET_SOURCES, CONTENTS
from .fields import NumberField


def amount_field() -> NumberField:
    return NumberField(AMOUNT, required=False, widget=forms.TextInput(
        attrs={"inputmode": "decimal", "class": "amount", "autocomplete": "off"}))


def add_budget_fields(form, item, level: str = "") -> None:
    contents = {key: label for key, label, *_rest in CONTENTS}
    for c in CONTENT_KEYS:
        for s, source in (budget_sources(level) if level else BUDGET_SOURCES):
            form.fields[cell_name(item.key, c, s)] = name_cell(
                amount_field(), contents[c], f"{source} 金额（万元）")


def budget_initial(item, grid) -> dict:
    grid = grid if isinstance(grid, dict) else {}
    return {cell_name(item.key, c, s): (grid.get(c) or {}).get(s) or None
            for c in CONTENT_KEYS for s in SOURCE_KEYS}


def _current_grid(form, item) -> dict:
    source = form.data if form.is_bound else form.initial
    return {c: {s: source.get(cell_name(item.key, c, s)) for s in SOURCE_KEYS}
            for c in CONTENT_KEYS}


def budget_block(form, item) -> dict:
    """Rows as on 表4-2 (合计 first); each content row carries its four input cells."""
    computed = compute_budget(_current_grid(form, item), form.level)
    rows = []
    for row in computed["rows"]:
        cells = [{"source": s, "amount": row["amounts"][s], "ratio": row["ratios"][s],
                  "input": (form[cell_name(item.key, row["key"], s)]
                            if row["key"] in CONTENT_KEYS else None)}
                 for s in SOURCE_KEYS]
        rows.append({**row, "cells": cells})
    return {"type": "budget", "field": item, "sources": computed["sources"], "rows": rows,
            "number_rule": json.dumps(AMOUNT.spec(), ensure_ascii=False)}
