"""Read-only display of an application's sections for the recommender (labels from the schema)."""

from declare.schema import Field, Group, sections_for

PII_HIDDEN = "（个人信息，已隐藏）"


def _choice_label(field: Field, value):
    for choice in field.choices:
        if isinstance(choice, tuple) and choice[0] == value:
            return choice[1]
    return value


def display_value(field: Field, value) -> str:
    if value in (None, "", [], {}):
        return ""
    if field.pii:
        return _mask(field, str(value))
    if field.type == "declaration":
        return "已承诺" if value else ""
    if field.type == "budget":
        return "详见表4-2 投入预算汇总"
    return str(_choice_label(field, value))


def _mask(field: Field, value: str) -> str:
    try:
        from core import pii
    except ImportError:
        return PII_HIDDEN
    if field.type == "id_card":
        return pii.mask_id(pii.decrypt(value))
    if field.type == "mobile":
        return pii.mask_mobile(pii.decrypt(value))
    return PII_HIDDEN


def _heading(spec, application) -> str:
    """表3-n-x carry the n-th speciality's name, as on the applicant's pages."""
    try:
        from declare.services.sections import heading_for
    except ImportError:
        return spec.heading or spec.title
    return heading_for(spec, application) or spec.title


def section_blocks(application) -> list[dict]:
    """[{heading, complete, fields: [(label, value)], groups: [{label, columns, rows}]}]."""
    stored = {s.key: s for s in application.sections.all()}
    blocks = []
    for spec in sections_for(application.kind, len(application.specialities.all()) or 1):
        section = stored.get(spec.key)
        data = (section.data if section else {}) or {}
        fields, groups = [], []
        for item in spec.items:
            if isinstance(item, Group):
                rows = data.get(item.key) or []
                groups.append({"label": item.label, "columns": [f.label for f in item.fields],
                               "rows": [[display_value(f, r.get(f.key)) for f in item.fields]
                                        for r in rows if isinstance(r, dict)]})
            else:
                label = f"{item.row}·{item.label}" if item.row else item.label
                fields.append((label, display_value(item, data.get(item.key))))
        blocks.append({"key": spec.key, "heading": _heading(spec, application),
                       "complete": bool(section and section.complete),
                       "fields": fields, "groups": groups})
    return blocks
