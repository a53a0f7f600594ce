"""Plain contexts for 附件3 (base) and 附件4 (studio), built from the declaration and
declare/schema.py. Everything here is a str/int/list/dict, so a context can be hashed
(documents.services.content_hash) and the renderer needs no models."""

from datetime import date

from calls.choices import ProjectKind, Tier
from catalog.models import Occupation
from declare.schema import CONTENTS, Group, sections_for

from .sources import budget_table, document_label, section_data

NATURE_BOXES = ("政府办", "行业、企业办", "其它")


def application_context(application) -> dict:
    """The context of 附件3 or 附件4 for `application` (decrypted; for printing and signing)."""
    data = section_data(application)
    call = application.call
    specialities = list(application.specialities.select_related("occupation").order_by("position"))
    common = {
        "kind": application.kind,
        "year": call.year,
        "reference": application.reference,
        "doc_label": document_label(application),
        "unit_name": application.unit.name,
        "experts": [],
        "min_experts": call.threshold("panel_min_experts"),
    }
    build = _base if application.kind == ProjectKind.BASE else _studio
    ctx = {**common, **build(application, data, specialities)}
    return {**ctx, **opinion_context(ctx["expert_note"], common["min_experts"], [])}


def opinion_context(note: str, min_experts: int, experts: list[dict]) -> dict:
    """表5: the expert note with the call's minimum, the recorded experts (name, unit_post,
    mobile) and enough empty rows to reach the minimum; signature cells stay empty."""
    blanks = list(range(max(0, min_experts - len(experts))))
    return {"expert_note": note.format(n=min_experts), "experts": experts,
            "expert_blanks": blanks, "expert_rowspan": 2 + len(experts) + len(blanks)}


def _fmt(field, value):
    """A stored value as printed: choice labels, 年月日 dates, occupations with their code."""
    if value in (None, ""):
        return ""
    if field.choices and isinstance(field.choices[0], tuple):
        return dict(field.choices).get(value, value)
    if field.type == "date":
        return chinese_date(value)
    if field.type == "month":
        year, _sep, month = str(value).partition("-")
        return f"{year}年{int(month)}月" if month.isdigit() else str(value)
    if field.type == "area":
        return f"{value}平方米"
    if field.type == "occupation":
        occ = Occupation.objects.filter(code=value).first()
        return f"{occ.name}（{occ.code}）" if occ else str(value)
    return str(value)


def chinese_date(value) -> str:
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    parts = str(value).split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{int(parts[0])}年{int(parts[1])}月{int(parts[2])}日"
    return str(value)


def _section(spec, raw: dict) -> dict:
    """Field values of one section, formatted; groups as lists of formatted row dicts."""
    out = {}
    for item in spec.items:
        if isinstance(item, Group):
            out[item.key] = [{f.key: _fmt(f, (row or {}).get(f.key)) for f in item.fields}
                             for row in (raw.get(item.key) or [])]
        else:
            out[item.key] = _fmt(item, raw.get(item.key))
    return out


def _speciality_label(sp) -> str:
    name = sp.occupation.name + (f"（{sp.work_type}）" if sp.work_type else "")
    return f"{name}（{sp.occupation.code}）"


def _base(application, data, specialities) -> dict:
    specs = {s.key: s for s in sections_for(ProjectKind.BASE, len(specialities) or 1)}
    sec = {key: _section(spec, data.get(key) or {}) for key, spec in specs.items()}
    t1_1 = sec["t1_1"]
    blocks = [_speciality_block(n, sp, sec) for n, sp in enumerate(specialities, start=1)]
    if not blocks:  # print the empty official block so the form is complete
        blocks = [_speciality_block(1, None, sec)]
    return {
        "cover": {**sec["cover"], "new": application.tier == Tier.A,
                  "existing": application.tier == Tier.B,
                  "specialities": "、".join(_speciality_label(sp) for sp in specialities)},
        "t1_1": t1_1,
        "nature_boxes": [(label, t1_1["nature"] == label) for label in NATURE_BOXES],
        "t1_2": sec["t1_2"], "t2_1": sec["t2_1"], "t2_2": sec["t2_2"],
        "specialities": blocks,
        "t4_1": sec["t4_1"],
        "budget": budget_table(data.get("t4_2") or {}),
        "opinion": sec["opinion"],
        "annex_texts": sec["annex_texts"],
        "expert_note": "说明：1. 专家人数不得少于{n}人；2. 专家人数应为单数。",
    }


def _speciality_block(n: int, sp, sec: dict) -> dict:
    plan = sec.get(f"t3_{n}_2", {})
    contents = []
    for key, label, number, guide in CONTENTS:
        rows = list(plan.get(key) or [])[:4]
        rows += [{"item": "", "year1": "", "year2": ""}] * (4 - len(rows))
        contents.append({"key": key, "label": label, "number": number, "guide": guide,
                         "items": [{"no": i, **r} for i, r in enumerate(rows, start=1)]})
    return {"n": n, "name": sp.occupation.name if sp else "",
            "label": _speciality_label(sp) if sp else "",
            "team": sec.get(f"t3_{n}_1", {}), "contents": contents}


def _studio(application, data, specialities) -> dict:
    specs = {s.key: s for s in sections_for(ProjectKind.STUDIO)}
    sec = {key: _section(spec, data.get(key) or {}) for key, spec in specs.items()}
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
        "expert_note": "说明：专家人数应为单数，不得少于{n}人。",
    }
