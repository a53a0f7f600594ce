"""Plain contexts for 附件3 (base) and 附件4 (studio), built from the one reading of the
application (declare.reading.render_sections, as printed: personal information in full, or
masked as the pages mask it for the readers who see it masked).
Everything here is a str/int/list/dict, so a context can be hashed
(documents.services.content_hash) and the renderer needs no models."""

from calls.choices import ProjectKind, Tier
from calls.wording import budget_sources
from declare.reading import printed_form, render_sections
from declare.schema import CONTENTS, occupation_text, section_spec

from .fit import COVER_COLUMNS, COVER_SEAL
from .labels import labels_context
from .sources import document_label, printed_snapshot


def application_context(application, *, masked: bool = False,
                        table5: dict | None = None) -> dict:
    """The context of 附件3 or 附件4 for `application` (decrypted for printing and signing, or
    `masked`); with `table5` (review.opinions.table5_for) 表5 carries the review's opinions and
    experts."""
    sec = {s["key"]: s["values"]
           for s in render_sections(application, viewer=printed_form(masked))}
    call = application.call
    specialities = list(application.specialities.select_related("occupation").order_by("position"))
    common = {
        "kind": application.kind,
        "year": call.year,
        "reference": application.reference,
        "doc_label": document_label(application),
        "draft": printed_snapshot(application) is None,
        "unit_name": application.unit.name,
        "cover_columns": [*COVER_COLUMNS[application.kind], COVER_SEAL],
        "experts": [],
        "min_experts": call.threshold("panel_min_experts"),
    }
    build = _base if application.kind == ProjectKind.BASE else _studio
    labels = labels_context(application, sec, len(specialities))
    ctx = {**common, **labels, **build(application, sec, specialities, labels["L"])}
    ctx["expert_note"] = labels["P"]["expert_note"]
    if table5 is not None:
        ctx.update({key: table5[key] for key in ("expert_opinion", "hr_opinion",
                                                 "finance_opinion")})
    experts = table5["experts"] if table5 is not None else []
    return {**ctx, **opinion_context(ctx["expert_note"], common["min_experts"], experts)}


def opinion_context(note: str, min_experts: int, experts: list[dict]) -> dict:
    """表5: the expert note with the call's minimum, the recorded experts (name, unit_post,
    mobile) and enough empty rows to reach the minimum; signature cells stay empty."""
    blanks = list(range(max(0, min_experts - len(experts))))
    return {"expert_note": note.format(n=min_experts), "experts": experts,
            "expert_blanks": blanks, "expert_rowspan": 2 + len(experts) + len(blanks)}


def printed_budget(rows: list[dict]) -> list[dict]:
    """表4-2 as printed (declare.reading.budget_rows computes it): a zero amount stays blank as on
    the paper form; a ratio of a zero whole prints "—", the ratio of a blank amount stays blank;
    figures with two decimals."""
    grand = rows[0]["cells"][-1]["amount"] if rows else 0
    out = []
    for row in rows:
        total = row["cells"][-1]["amount"]
        cells = []
        for i, cell in enumerate(row["cells"]):
            whole = grand if i == len(row["cells"]) - 1 else total
            ratio = "—" if not whole else (f"{cell['ratio']:.2f}" if cell["amount"] else "")
            cells.append({"amount": f"{cell['amount']:.2f}" if cell["amount"] else "",
                          "ratio": ratio})
        out.append({"label": row["label"], "cells": cells})
    return out


def _speciality_label(sp) -> str:
    name = sp.occupation.name + (f"（{sp.work_type}）" if sp.work_type else "")
    return occupation_text(sp.occupation.code, name)


def _nature_boxes(choices: tuple, chosen: str) -> list[tuple[str, bool, bool]]:
    """属性 as the paper prints it: (label, ticked, the last box "其它" with its blank)."""
    return [(label, chosen == label, n == len(choices) - 1) for n, label in enumerate(choices)]


def _base(application, sec, specialities, labels) -> dict:
    t1_1 = sec["t1_1"]
    blocks = [_speciality_block(n, sp, sec, labels)
              for n, sp in enumerate(specialities, start=1)]
    if not blocks:  # print the empty official block so the form is complete
        blocks = [_speciality_block(1, None, sec, labels)]
    return {
        "cover": {**sec["cover"], "unit": t1_1["unit_name"] or application.unit.name,
                  "new": application.tier == Tier.A,
                  "existing": application.tier == Tier.B,
                  "specialities": "、".join(_speciality_label(sp) for sp in specialities)},
        "t1_1": t1_1,
        "nature_boxes": _nature_boxes(_choices(application, "t1_1", "nature"), t1_1["nature"]),
        "t1_2": sec["t1_2"], "t2_1": sec["t2_1"], "t2_2": sec["t2_2"],
        "specialities": blocks,
        "t4_1": sec["t4_1"],
        "budget": printed_budget(sec["t4_2"]["budget"]),
        "budget_sources": budget_sources(application.call.level),
        "opinion": sec["opinion"],
        "annex_texts": sec["annex_texts"],
    }


def _choices(application, section: str, key: str) -> tuple:
    spec = section_spec(application.kind, section, form=application)
    return next(f.choices for f in spec.fields() if f.key == key)


def _speciality_block(n: int, sp, sec: dict, labels: dict) -> dict:
    plan = sec.get(f"t3_{n}_2", {})
    contents = []
    for key, label, number, guide in CONTENTS:
        rows = list(plan.get(key) or [])[:4]
        rows += [{"item": "", "year1": "", "year2": ""}] * (4 - len(rows))
        contents.append({"key": key, "label": label, "number": number, "guide": guide,
                         "columns": labels[f"t3_{n}_2"][key],
                         "items": [{"no": i, **r} for i, r in enumerate(rows, start=1)]})
    return {"n": n, "name": sp.occupation.name if sp else "",
            "label": _speciality_label(sp) if sp else "",
            "team": sec.get(f"t3_{n}_1", {}), "contents": contents,
            "L": {"team": labels[f"t3_{n}_1"], "plan": labels[f"t3_{n}_2"]}}


def _studio(application, sec, specialities, labels) -> dict:
    master, unit = sec["master"], sec["unit"]
    occupation = (_speciality_label(specialities[0]) if specialities else master["occupation"])
    return {
        "cover": {**sec["cover"], "unit": unit["unit_name"] or application.unit.name,
                  "occupation": occupation, "leader": master["name"],
                  "leader_level": master["skill_level"]},
        "unit": unit,
        "master": master,
        "achievements": sec["achievements"],
        "opinion": sec["opinion"],
    }
