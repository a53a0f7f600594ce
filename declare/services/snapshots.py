"""提交版本: the application frozen at each submission, with a SHA-256 of its content.

The label (2025-JD-0042-v3) is printed on every page of the submitted form, so the sealed
paper copy can be matched to the electronic one. Section data is kept as stored (personal
information stays encrypted); the hash is over the canonical JSON of exactly what is kept.
"""

import hashlib
import json

from django.db.models import QuerySet

from ..checklist import items_of
from ..models import Application, Snapshot


def canonical_json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=str).encode()


def digest(data) -> str:
    return hashlib.sha256(canonical_json(data)).hexdigest()


def snapshot_content(application: Application) -> dict:
    """All sections, specialities, application fields and material hashes, JSON-ready."""
    from .materials import active_materials

    items = items_of(application)
    order = {item.key: n for n, item in enumerate(items)}
    labels = {item.key: item.label for item in items}
    materials = sorted(active_materials(application), key=lambda m: (order.get(m.item, 99),
                                                                    m.position, m.id))
    return {
        "application": {
            "reference": application.reference, "call": application.call.doc_number,
            "call_title": application.call.title, "unit": application.unit.name,
            "unit_credit_code": application.unit.credit_code, "kind": application.kind,
            "category": application.category, "tier": application.tier,
            "submitted_at": application.submitted_at.isoformat()
            if application.submitted_at else None,
            "explanations": application.explanations or {},
        },
        "specialities": [
            {"position": s.position, "code": s.occupation.code, "name": s.occupation.name,
             "work_type": s.work_type}
            for s in application.specialities.select_related("occupation").order_by("position")],
        "sections": {s.key: {"version": s.version, "data": s.data}
                     for s in application.sections.order_by("key")},
        "materials": [
            {"id": m.id, "item": m.item, "item_label": labels.get(m.item, m.item), "title": m.title, "content_type": m.content_type,
             "size": m.size, "sha256": m.sha256, "position": m.position} for m in materials],
    }


def create_snapshot(application: Application, *, by) -> Snapshot:
    """Freeze `application` as version application.submitted_version (caller holds the lock)."""
    version = application.submitted_version
    data = snapshot_content(application)
    return Snapshot.objects.create(
        application=application, version=version, label=f"{application.reference}-v{version}",
        sha256=digest(data), data=data, created_by=by)


def verify(snapshot: Snapshot) -> bool:
    """True when the stored content still hashes to the recorded SHA-256."""
    return digest(snapshot.data) == snapshot.sha256


def snapshots_of(application: Application) -> QuerySet[Snapshot]:
    return application.snapshots.select_related("created_by").order_by("-version")


def latest_label(application: Application) -> str:
    """The version label to print on the form ("" for an application never submitted)."""
    if not application.submitted_version:
        return ""
    return f"{application.reference}-v{application.submitted_version}"


# ---------------------------------------------------------------- read-only display
def _choice(field, value):
    for choice in field.choices:
        if isinstance(choice, tuple) and str(choice[0]) == str(value):
            return choice[1]
    return value


def _masked(field, value: str) -> str:
    from core import pii

    try:
        plain = pii.decrypt(value)
    except ValueError:
        return "（无法解密）"
    return pii.mask_id(plain) if field.type == "id_card" else pii.mask_mobile(plain)


def display(field, value) -> str:
    """A stored value as the reader sees it: choice labels, personal information masked."""
    if value in (None, "", [], {}):
        return ""
    if field.pii:
        return _masked(field, str(value))
    if field.type == "declaration":
        return "已勾选承诺" if value else ""
    return str(_choice(field, value))


def _budget_rows(value) -> list[list[str]]:
    """表4-2 rows: each cell "金额（比例%）", amounts in 万元."""
    from ..budget import compute_budget

    budget = compute_budget(value or {})
    return [[row["label"], *(f"{row['amounts'][k]}（{row['ratios'][k]}%）" for k, _ in
                             budget["sources"]), f"{row['total']}（{row['total_ratio']}%）"]
            for row in budget["rows"]]


def snapshot_sections(snapshot: Snapshot) -> list[dict]:
    """[{heading, fields: [(label, text)], groups: [{label, columns, rows}]}] in form order."""
    from ..schema import BUDGET_SOURCES, Group, sections_for

    budget_columns = ["资金总预算及来源", *(label for _k, label in BUDGET_SOURCES), "合计"]

    data = snapshot.data
    kind = data["application"]["kind"]
    stored = data.get("sections", {})
    out = []
    for spec in sections_for(kind, len(data.get("specialities", [])) or 1):
        values = (stored.get(spec.key) or {}).get("data") or {}
        fields, groups = [], []
        for item in spec.items:
            if isinstance(item, Group):
                rows = [r for r in values.get(item.key) or [] if isinstance(r, dict)]
                groups.append({"label": item.label, "columns": [f.label for f in item.fields],
                               "rows": [[display(f, r.get(f.key)) for f in item.fields]
                                        for r in rows]})
            elif item.type == "budget":
                groups.append({"label": item.label, "columns": budget_columns,
                               "rows": _budget_rows(values.get(item.key))})
            else:
                label = f"{item.row}·{item.label}" if item.row and item.row != item.label \
                    else item.label
                fields.append((label, display(item, values.get(item.key))))
        out.append({"key": spec.key, "heading": spec.heading or spec.title,
                    "fields": fields, "groups": groups})
    return out
