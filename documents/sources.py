"""What the documents read from the declaration: decrypted section data, the 表4-2 budget, the
snapshot label and the supporting materials. One place, so the form contexts, the bundle and
the cache key all see the same inputs."""

from declare.budget import compute_budget
from declare.checklist import items_of
from declare.models import EDITABLE_STATUSES, Material, Snapshot
from declare.schema import BUDGET_SOURCES


def section_data(application) -> dict[str, dict]:
    """All sections' data, PII decrypted (declare.services.sections.section_data)."""
    try:
        from declare.services.sections import section_data as declared
    except ImportError:
        return {s.key: _decrypted(s.data or {}) for s in application.sections.all()}
    return declared(application)


def _decrypted(data: dict) -> dict:
    from core.pii import decrypt, is_encrypted

    return {k: decrypt(v) if is_encrypted(v) else v for k, v in data.items()}


def document_label(application) -> str:
    """The version printed on every page: the latest snapshot label (e.g. 2025-JD-0042-v3) while
    the application stands as submitted; the reference + 草稿 while it may still change."""
    snapshot = _latest_snapshot(application)
    if snapshot is not None and application.status not in EDITABLE_STATUSES:
        return snapshot.label
    return f"{application.reference} 草稿"


def _latest_snapshot(application) -> Snapshot | None:
    return Snapshot.objects.filter(application=application).order_by("-version").first()


def materials_of(application) -> list[Material]:
    """The uploaded materials still in force, in checklist order and, within an item, in the
    order the unit chose (position)."""
    order = {item.key: i for i, item in enumerate(items_of(application))}
    current = Material.objects.filter(application=application, removed_at__isnull=True)
    return sorted(current, key=lambda m: (order.get(m.item, len(order)), m.position, m.id))


def budget_table(data: dict) -> list[dict]:
    """表4-2 rows (合计 first, then the three contents), each with five (amount, ratio) cells:
    the four sources then 合计 — computed by declare.budget.compute_budget (its docstring
    states the rounding rule)."""
    result = compute_budget(data)
    return [{"label": row["label"],
             "cells": [*({"amount": row["amounts"][s], "ratio": row["ratios"][s]}
                         for s, _label in BUDGET_SOURCES),
                       {"amount": row["total"], "ratio": row["total_ratio"]}]}
            for row in result["rows"]]
