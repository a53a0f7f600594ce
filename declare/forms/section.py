"""The ONE form builder for every section of 附件3/附件4, generated from declare.schema.

Input names: a Field by its key (`legal_mobile`); a Group row cell `<group>-<i>-<field>` with
`<group>-TOTAL` rows and an optional `<group>-<i>-DELETE`; a 表4-2 cell `budget-<content>-<source>`.
`base_version` carries the optimistic-lock base version. `values()` gives the stored (plain) form;
`draft()` the same plus the raw text of every invalid input, so a draft keeps all typing, and an
unbound form given `pending` shows that raw text again with its messages.
"""

from django import forms
from django.forms.utils import ErrorDict

from core.a11y import NEW_ROW, name_cell

from .. import validators as v
from ..budget import CONTENT_KEYS, SOURCE_KEYS, cell_name, store_amounts
from ..completeness import is_blank
from ..schema import Field, Group, SectionSpec
from .budget import add_budget_fields, budget_block, budget_initial
from .fields import field_for, to_storage

DELETE = "DELETE"
RAW_MAX = 100_000  # the raw text kept of one invalid input: 5× the longest field (20 000)


def cell(group_key: str, index, field_key: str) -> str:
    return f"{group_key}-{index}-{field_key}"


def total_name(group_key: str) -> str:
    return f"{group_key}-TOTAL"


class SectionForm(forms.Form):
    """Fields, repeating groups and the budget grid of one SectionSpec."""

    def __init__(self, spec: SectionSpec, *, values: dict | None = None, data=None,
                 version: int = 0, readonly: bool = False, pending: dict | None = None,
                 level: str = ""):
        self.spec, self.readonly, self.level = spec, readonly, level   # level: 表4-2 names
        values = values or {}
        super().__init__(data=data, initial={"base_version": version})
        self.fields["base_version"] = forms.IntegerField(widget=forms.HiddenInput, required=False,
                                                     min_value=0)
        self.row_counts: dict[str, int] = {}
        self.spare_rows: dict[str, bool] = {}
        for item in spec.items:
            if isinstance(item, Group):
                self._add_group(item, values.get(item.key))
            elif item.type == "budget":
                add_budget_fields(self, item, level)
                self.initial.update(budget_initial(item, values.get(item.key)))
            else:
                self.fields[item.key] = field_for(item)
                self.initial[item.key] = values.get(item.key)
        if readonly:
            for f in self.fields.values():
                f.disabled = True
        if pending and not self.is_bound:
            self._show_pending(pending)

    def _show_pending(self, pending: dict) -> None:
        """The stored invalid inputs, shown as typed with the messages they had."""
        self._errors = ErrorDict()
        for name, entry in pending.items():
            if name in self.fields or name == forms.forms.NON_FIELD_ERRORS:
                self._errors[name] = self.error_class(entry.get("errors") or [])
            if name in self.fields and not name.endswith("-TOTAL"):
                self.initial[name] = entry.get("value", "")

    # ---------------------------------------------------------------- groups
    def _row_count(self, group: Group, rows: list) -> int:
        if self.is_bound:
            try:
                posted = int(self.data.get(total_name(group.key), 0))
            except (TypeError, ValueError):
                posted = 0
            return max(0, min(posted, group.max_rows + 1))
        count = max(len(rows), group.min_rows)
        self.spare_rows[group.key] = count < group.max_rows and not self.readonly
        return count + (1 if self.spare_rows[group.key] else 0)

    def _add_group(self, group: Group, rows):
        rows = rows if isinstance(rows, list) else []
        n = self._row_count(group, rows)
        self.row_counts[group.key] = n
        self.fields[total_name(group.key)] = forms.IntegerField(
            widget=forms.HiddenInput, required=False)
        self.initial[total_name(group.key)] = n
        for i in range(n):
            row = rows[i] if i < len(rows) and isinstance(rows[i], dict) else {}
            for f in group.fields:
                self.fields[cell(group.key, i, f.key)] = name_cell(
                    field_for(f), f"{group.label} 第{i + 1}行", f.label)
                self.initial[cell(group.key, i, f.key)] = row.get(f.key)
            self.fields[cell(group.key, i, DELETE)] = forms.BooleanField(
                required=False, label="删除此行")

    def _kept_rows(self, group: Group) -> list[tuple[int, dict]]:
        """(posted index, row) of the rows to store: not deleted, and not blank — a row with
        an invalid cell counts as typed, so its raw text has a row to be shown in."""
        rows = []
        for i in range(self.row_counts[group.key]):
            if self.cleaned_data.get(cell(group.key, i, DELETE)):
                continue
            row = {f.key: to_storage(f, self.cleaned_data.get(cell(group.key, i, f.key)))
                   for f in group.fields}
            bad = any(cell(group.key, i, f.key) in self.errors for f in group.fields)
            if bad or not all(is_blank(x) for x in row.values()):
                rows.append((i, row))
        return rows

    def _group_rows(self, group: Group) -> list[dict]:
        return [row for _i, row in self._kept_rows(group)]

    # ---------------------------------------------------------------- validation
    def clean(self):
        cleaned = super().clean()
        for item in self.spec.items:
            if isinstance(item, Group) and not self._errors_in_group(item):
                if len(self._group_rows(item)) > item.max_rows:
                    self.add_error(total_name(item.key),
                                   f"“{item.label}”最多可填写{item.max_rows}行，请删除多余的行。")
        plain = {k: cleaned.get(k) for k in ("birth", "work_start", "id_number")
                 if k in self.fields and k not in self.errors}
        for key, message in v.cross_check(plain).items():
            self.add_error(key, message)
        return cleaned

    def _errors_in_group(self, group: Group) -> bool:
        return any(name.startswith(f"{group.key}-") for name in self.errors)

    def values(self) -> dict:
        """The section data to store (plain text; PII is encrypted by the service)."""
        out = {}
        for item in self.spec.items:
            if isinstance(item, Group):
                out[item.key] = self._group_rows(item)
            elif item.type == "budget":
                out[item.key] = store_amounts(self._budget_cleaned(item))
            else:
                out[item.key] = to_storage(item, self.cleaned_data.get(item.key))
        return out

    def draft(self) -> tuple[dict, dict]:
        """What a save stores whatever validation said: values() and the invalid inputs
        {name: {"value": raw text, "errors": [message]}}, named as the stored draft shows them
        (row indices of the kept rows). Call after is_valid()."""
        names = self._stored_names()
        pending = {names.get(name, name): {"value": str(self.data.get(name, ""))[:RAW_MAX],
                                           "errors": errors}
                   for name, errors in self.invalid_inputs().items()}
        return self.values(), pending

    def invalid_inputs(self) -> dict[str, list[str]]:
        """{posted input name: [message]}, without the cells of deleted rows."""
        names = self._stored_names()
        cells = {cell(i.key, n, f.key) for i in self.spec.items if isinstance(i, Group)
                 for n in range(self.row_counts[i.key]) for f in i.fields}
        return {name: list(errors) for name, errors in self.errors.items()
                if name != "base_version" and (name not in cells or name in names)}

    def _stored_names(self) -> dict[str, str]:
        """Posted cell name → the name it has once stored (blank and deleted rows drop out)."""
        names = {}
        for item in self.spec.items:
            if isinstance(item, Group):
                for j, (i, _row) in enumerate(self._kept_rows(item)):
                    for f in item.fields:
                        names[cell(item.key, i, f.key)] = cell(item.key, j, f.key)
        return names

    def _budget_cleaned(self, item: Field) -> dict:
        return {c: {s: self.cleaned_data.get(cell_name(item.key, c, s)) for s in SOURCE_KEYS}
                for c in CONTENT_KEYS}

    # ---------------------------------------------------------------- layout
    def layout(self) -> list[dict]:
        """Blocks for the template: runs of fields under one official row heading, groups, budget."""
        blocks: list[dict] = []
        for item in self.spec.items:
            if isinstance(item, Group):
                blocks.append(self._group_block(item))
            elif item.type == "budget":
                blocks.append(budget_block(self, item))
            elif blocks and blocks[-1]["type"] == "fields" and item.row \
                    and blocks[-1]["row"] == item.row:
                blocks[-1]["fields"].append((item, self[item.key]))
            else:
                blocks.append({"type": "fields", "row": item.row,
                               "fields": [(item, self[item.key])]})
        return blocks

    def _group_block(self, group: Group) -> dict:
        n = self.row_counts[group.key]
        rows = [{"index": i, "number": i + 1,
                 "spare": self.spare_rows.get(group.key) and i == n - 1,
                 "cells": [(f, self[cell(group.key, i, f.key)]) for f in group.fields],
                 "delete": self[cell(group.key, i, DELETE)]} for i in range(n)]
        template = [(f, name_cell(field_for(f), f"{group.label} {NEW_ROW}", f.label).widget.render(
            cell(group.key, "__i__", f.key), None)) for f in group.fields]
        return {"type": "group", "group": group, "rows": rows,
                "total": self[total_name(group.key)], "template": template}
