"""Stored section values → the POST data the section form expects (demo seed, tests, browser)."""

from ..budget import CONTENT_KEYS, SOURCE_KEYS, cell_name
from ..schema import Group, SectionSpec


def _text(value) -> str:
    return "" if value is None else str(value)


def to_post(spec: SectionSpec, values: dict, *, version: int = 0) -> dict[str, str]:
    """Input name → value; a ticked declaration as "on", an unticked one left out."""
    data = {"base_version": str(version)}
    for item in spec.items:
        value = values.get(item.key)
        if isinstance(item, Group):
            rows = value or []
            data[f"{item.key}-TOTAL"] = str(len(rows))
            for i, row in enumerate(rows):
                for f in item.fields:
                    data[f"{item.key}-{i}-{f.key}"] = _text(row.get(f.key))
        elif item.type == "budget":
            grid = value or {}
            for c in CONTENT_KEYS:
                for s in SOURCE_KEYS:
                    data[cell_name(item.key, c, s)] = _text((grid.get(c) or {}).get(s))
        elif item.type == "declaration":
            if value:
                data[item.key] = "on"
        else:
            data[item.key] = _text(value)
    return data
