"""The one reading of an application: every section of 附件3/附件4 in official order, each value
read by `Field.display` under the form version it was written under (a snapshot's recorded
version, the call's for the live application: declare.formdefs), for every reader — the
applicant's submitted versions, the recommender's and the expert's read-only pages, the printed 附件3/附件4 and the 备案 package.

Who sees personal information (身份证号, 手机) in full is decided here, from the viewer, once:
the applicant unit's own users (they typed it; their section pages show it) and whoever
oversee the application's call (orgs.policy: its issuer's reviewers and administrators). Everyone else reads it masked (core.pii). The
printed form is made in two copies: `PRINTED_FORM` in full (the paper the unit signs and the
region files) for the viewers who read it in full, and `MASKED_FORM`, masked as the pages are,
for everyone else (documents asks `masks_personal_data` of whoever requests a rendering).
"""

from calls.wording import budget_sources
from orgs.policy import oversees_call

from .budget import compute_budget
from .models import Application, Snapshot
from .rules import is_applicant_of
from .schema import BUDGET_SOURCES, Group, sections_for
from .unitfacts import unit_facts, with_unit_facts

PRINTED_FORM = "printed form"
MASKED_FORM = "masked printed form"


def masks_personal_data(viewer, application: Application) -> bool:
    """False for the viewers who may read 身份证号 and 手机 in full (see the module docstring)."""
    if viewer in (PRINTED_FORM, MASKED_FORM):
        return viewer == MASKED_FORM
    return not (is_applicant_of(viewer, application)
                or oversees_call(viewer, application.call))


def printed_form(masked: bool) -> str:
    """The viewer a printed copy is read as (see the module docstring)."""
    return MASKED_FORM if masked else PRINTED_FORM


def render_sections(source: Application | Snapshot, *, viewer) -> list[dict]:
    """Every section of `source` (the live application or a submitted version) as its viewer
    reads it, in form order. Each section: key, heading, official, complete (None for a
    version), rows [(label, text)], tables [{label, columns, rows}] (groups and 表4-2),
    values {field key: text | [{field key: text}] per group row | 表4-2 budget rows} for the
    printed forms, and unmasked (keys of personal fields shown in full)."""
    application = source.application if isinstance(source, Snapshot) else source
    mask = masks_personal_data(viewer, application)
    kind, names, stored = _contents(source)
    tier = source.data["application"].get("tier", "") if isinstance(source, Snapshot) \
        else application.tier
    specs = sections_for(kind, len(names) or 1, tier, form=source)   # the version it was written under
    if not isinstance(source, Snapshot):   # a version keeps the unit's data as submitted
        facts = unit_facts(application.unit)
        for spec in specs:
            data, complete = stored.get(spec.key, ({}, False))
            stored[spec.key] = (with_unit_facts(spec, data, facts), complete)
    level = application.call.level
    return [_section(spec, stored.get(spec.key), names, mask=mask, level=level) for spec in specs]


def unmasked_fields(sections: list[dict]) -> list[str]:
    """"section.field" of every personal field a reader was shown in full (for the audit log)."""
    return [f"{s['key']}.{key}" for s in sections for key in s["unmasked"]]


def _contents(source) -> tuple[str, dict[int, str], dict[str, tuple[dict, bool | None]]]:
    """(kind, {position: speciality name}, {section key: (stored data, complete)})."""
    if isinstance(source, Snapshot):
        data = source.data
        names = {s["position"]: s["name"] for s in data.get("specialities", [])}
        stored = {key: (s.get("data") or {}, None) for key, s in data.get("sections", {}).items()}
        return data["application"]["kind"], names, stored
    names = {s.position: s.occupation.name for s in source.specialities.all()}
    stored = {s.key: (s.data or {}, s.complete) for s in source.sections.all()}
    return source.kind, names, stored


def _section(spec, stored, names: dict[int, str], *, mask: bool, level: str) -> dict:
    data, complete = stored or ({}, False)
    out = {"key": spec.key, "heading": _heading(spec, names), "official": spec.official,
           "complete": complete, "rows": [], "tables": [], "values": {}, "unmasked": []}
    for item in spec.items:
        value = data.get(item.key)
        if isinstance(item, Group):
            records = [{f.key: f.display(r.get(f.key), mask=mask) for f in item.fields}
                       for r in value or [] if isinstance(r, dict)]
            out["values"][item.key] = records
            out["tables"].append({"label": item.label, "columns": [f.label for f in item.fields],
                                  "rows": [list(r.values()) for r in records]})
        elif item.type == "budget":
            rows = budget_rows(value if isinstance(value, dict) else {})
            out["values"][item.key] = rows
            columns = ("资金总预算及来源", *(label for _k, label in budget_sources(level)), "合计")
            out["tables"].append({"label": item.label, "columns": list(columns),
                                  "rows": [[r["label"], *(f"{c['amount']}（{c['ratio']}%）"
                                                          for c in r["cells"])] for r in rows]})
        else:
            text = item.display(value, mask=mask)
            out["values"][item.key] = text
            out["rows"].append((_label(item), text))
            if item.pii and text and not mask:
                out["unmasked"].append(item.key)
    return out


def _heading(spec, names: dict[int, str]) -> str:
    """The official heading; 表3-n-x carry the n-th speciality's name (表3-1-1 车工专业…)."""
    if spec.key.startswith("t3_"):
        return f"{spec.number} {names.get(int(spec.key.split('_')[1]), '')}{spec.title}"
    return spec.heading or spec.title


def _label(item) -> str:
    """法人代表信息·手机: the official row heading a field sits under, then its own label."""
    return f"{item.row}·{item.label}" if item.row and item.row != item.label else item.label


def budget_rows(data: dict) -> list[dict]:
    """表4-2 rows (合计 first, then the three contents), each with five (amount, ratio) cells:
    the four sources then 合计, in 万元 and % — computed by declare.budget.compute_budget (its
    docstring states the rounding rule)."""
    result = compute_budget(data)
    return [{"label": row["label"],
             "cells": [*({"amount": row["amounts"][s], "ratio": row["ratios"][s]}
                         for s, _label in BUDGET_SOURCES),
                       {"amount": row["total"], "ratio": row["total_ratio"]}]}
            for row in result["rows"]]
