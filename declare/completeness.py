"""Which required entries of a section are still missing, from the schema alone.

Required fields are required for completeness, never for saving a draft. A Group needs at
least `min_rows` rows, and every required cell of every row it has; the 表4-2 budget needs a
total above 0; a declaration must be ticked. A text that may instead be uploaded (附件: 实施管理办法
as text or as a stamped file, declare.checklist `alternative`) is missing while it is neither.
"""

from .budget import compute_budget
from .schema import Field, Group, SectionSpec


def is_blank(value) -> bool:
    return value is None or value is False or (isinstance(value, str | list | dict) and not value)


def field_label(item: Field | Group) -> str:
    """The label as shown in lists: with its official row heading (法人代表信息·手机)."""
    if isinstance(item, Field) and item.row and item.row != item.label:
        return f"{item.row}·{item.label}"
    return item.label


def _missing_in_group(group: Group, rows) -> list[str]:
    rows = rows if isinstance(rows, list) else []
    out = []
    for n, row in enumerate(rows, start=1):
        cells = [f.label for f in group.fields if f.required and is_blank((row or {}).get(f.key))]
        if cells:
            out.append(f"{group.label}第{n}行·{'、'.join(cells)}")
    if group.required and len(rows) < group.min_rows:
        out.append(f"{group.label}（至少填写{group.min_rows}行）")
    return out


def missing_labels(spec: SectionSpec, data: dict | None) -> list[str]:
    """The labels of the required entries of `spec` that `data` (stored form) leaves empty."""
    data = data or {}
    out = []
    for item in spec.items:
        if isinstance(item, Group):
            out += _missing_in_group(item, data.get(item.key))
        elif item.type == "budget":
            if not compute_budget(data.get(item.key) or {})["grand_total"] > 0:
                out.append(f"{item.label}（合计金额应大于0）")
        elif item.required and is_blank(data.get(item.key)):
            out.append(field_label(item))
    return out


def alternative_gaps(checklist: list[dict]) -> dict[str, list[str]]:
    """{section key: [label]} of the checklist items neither uploaded nor typed into the section
    that may stand in for them (rows of declare.services.materials.checklist_status)."""
    out: dict[str, list[str]] = {}
    for row in checklist:
        item = row["item"]
        if row["missing"] and item.alternative:
            out.setdefault(item.alternative[0], []).append(f"{item.label}（或在“申报材料”中上传）")
    return out
