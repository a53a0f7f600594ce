"""The 表4-2 grid inside the section form: 12 amount inputs, everything else computed."""

import json

from django import forms

from ..budget import CONTENT_KEYS, SOURCE_KEYS, cell_name, compute_budget
from ..numbers import AMOUNT
from .fields import NumberField


def amount_field() -> NumberField:
    return NumberField(AMOUNT, required=False, widget=forms.TextInput(
        attrs={"inputmode": "decimal", "class": "amount", "autocomplete": "off"}))


def add_budget_fields(form, item) -> None:
    for c in CONTENT_KEYS:
        for s in SOURCE_KEYS:
            form.fields[cell_name(item.key, c, s)] = amount_field()


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
    computed = compute_budget(_current_grid(form, item))
    rows = []
    for row in computed["rows"]:
        cells = [{"source": s, "amount": row["amounts"][s], "ratio": row["ratios"][s],
                  "input": (form[cell_name(item.key, row["key"], s)]
                            if row["key"] in CONTENT_KEYS else None)}
                 for s in SOURCE_KEYS]
        rows.append({**row, "cells": cells})
    return {"type": "budget", "field": item, "sources": computed["sources"], "rows": rows,
            "number_rule": json.dumps(AMOUNT.spec(), ensure_ascii=False)}
