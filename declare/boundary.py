"""The save service's own check of a section's data (issue 17 §3): whatever path calls
declare.services.sections.save_section — the page, an import, the demo, a carry-forward — a
value the definition refuses is never stored.

The definition is declare.schema (the SectionSpec of the section); each value is read by the
SAME field of the one form builder (declare.forms.fields.field_for: the type's grammar, its
validators and Chinese messages) and stored in its canonical form (to_storage), so the page and
the service can never disagree. The page keeps invalid typing as Section.pending (a draft keeps
every word); `data` itself holds only values the definition accepts. Cross-field checks of the
技能大师 block stay with the form (they judge completeness, not storability)."""

from functools import cache

from django.core.exceptions import ValidationError

from .budget import CONTENT_KEYS, SOURCE_KEYS, store_amounts
from .forms.fields import field_for, to_storage
from .numbers import AMOUNT, NumberError, parse_number
from .schema import EMPTY, Field, Group, SectionSpec

UNKNOWN = "申报表中没有该项。"


@cache
def _form_field(field: Field):
    return field_for(field)


def _clean_field(field: Field, value):
    """(canonical value, messages) of one stored value."""
    if value in EMPTY or value is None:
        return value, []
    if field.type == "declaration":
        return (value, []) if isinstance(value, bool) else (value, ["应为勾选项（是/否）。"])
    if isinstance(value, (dict, list)) or (isinstance(value, bool)):
        return value, ["数据格式不正确。"]
    try:
        cleaned = _form_field(field).clean(str(value) if not isinstance(value, str) else value)
    except ValidationError as refused:
        return value, list(refused.messages)
    return to_storage(field, cleaned), []


def _clean_budget(value):
    if value in EMPTY:
        return value, []
    if not isinstance(value, dict) or set(value) - set(CONTENT_KEYS):
        return value, ["投入预算表格式不正确。"]
    cells = {}
    for content in CONTENT_KEYS:
        row = value.get(content) or {}
        if not isinstance(row, dict) or set(row) - set(SOURCE_KEYS):
            return value, ["投入预算表格式不正确。"]
        cells[content] = {}
        for source in SOURCE_KEYS:
            try:
                cells[content][source] = parse_number(row.get(source), AMOUNT)
            except NumberError as refused:
                return value, [refused.message]
    return store_amounts(cells), []


def _clean_group(group: Group, rows):
    if rows in EMPTY:
        return rows, {}
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        return rows, {group.key: ["数据格式不正确。"]}
    if len(rows) > group.max_rows:
        return rows, {group.key: [f"最多填写{group.max_rows}行（当前{len(rows)}行）。"]}
    fields = {f.key: f for f in group.fields}
    out, errors = [], {}
    for i, row in enumerate(rows):
        clean_row = {}
        for key, value in row.items():
            name = f"{group.key}-{i}-{key}"
            if key not in fields:
                errors[name] = [UNKNOWN]
                continue
            clean_row[key], messages = _clean_field(fields[key], value)
            if messages:
                errors[name] = messages
        out.append(clean_row)
    return out, errors


def check_section(spec: SectionSpec, data) -> tuple[dict, dict[str, list[str]]]:
    """(data in canonical form, {input name: [messages]}); no messages: it may be stored."""
    if not isinstance(data, dict):
        return {}, {spec.key: ["栏目数据格式不正确。"]}
    items = {item.key: item for item in spec.items}
    out, errors = {}, {}
    for key, value in data.items():
        item = items.get(key)
        if item is None:
            errors[key] = [UNKNOWN]
        elif isinstance(item, Group):
            out[key], found = _clean_group(item, value)
            errors.update(found)
        elif item.type == "budget":
            out[key], messages = _clean_budget(value)
            if messages:
                errors[key] = messages
        else:
            out[key], messages = _clean_field(item, value)
            if messages:
                errors[key] = messages
    return out, errors

