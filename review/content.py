"""The application as an expert reads it: every section of 附件3/附件4 read-only, in the
official order, personal information masked (experts have no need to see it)."""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core.pii import mask_id, mask_mobile
from declare.schema import Group, sections_for

from .integration import _optional, section_data


def _value(field, value) -> str:
    if value in (None, ""):
        return ""
    if field.pii:
        return mask_mobile(str(value)) if field.type == "mobile" else mask_id(str(value))
    if field.choices and isinstance(field.choices[0], tuple):
        return dict(field.choices).get(value, value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _budget(value):
    table = _optional("documents.sources", "budget_table")
    if table is None or not isinstance(value, dict):
        return None
    try:
        return table(value)
    except (KeyError, TypeError, ValueError):
        return None


def read_only_sections(application) -> list[dict]:
    data = section_data(application)
    specialities = application.specialities.count()
    out = []
    for spec in sections_for(application.kind, max(1, specialities)):
        raw = data.get(spec.key) or {}
        block = {"heading": spec.heading, "official": spec.official, "fields": [],
                 "groups": [], "budget": None}
        for item in spec.items:
            if isinstance(item, Group):
                rows = raw.get(item.key) or []
                block["groups"].append({
                    "label": item.label, "headers": [f.label for f in item.fields],
                    "rows": [[_value(f, (r or {}).get(f.key)) for f in item.fields]
                             for r in rows if isinstance(r, dict)]})
            elif item.type == "budget":
                block["budget"] = _budget(raw.get(item.key))
            else:
                block["fields"].append((item.label, _value(item, raw.get(item.key))))
        out.append(block)
    return out


# Bump when _readonly_sections.html or read_only_sections change what they print.
READ_ONLY_VERSION = 1
READ_ONLY_TTL = 3600


def read_only_html(application) -> str:
    """The sections as HTML, cached per submitted version: what an expert reads does not
    change while it is under review (a changed application is resubmitted as a new version and
    saved, which moves updated_at), and every expert sees the same masked text."""
    stamp = application.updated_at.timestamp() if application.updated_at else 0
    key = (f"review:ro:v{READ_ONLY_VERSION}:{application.pk}:"
           f"{application.submitted_version}:{stamp}")
    html = cache.get(key)
    if html is None:
        html = render_to_string("review/_readonly_sections.html",
                                {"sections": read_only_sections(application)})
        cache.set(key, html, READ_ONLY_TTL)
    # rendered above by our own autoescaping template
    return mark_safe(html)  # noqa: S308  # nosec B308 B703
