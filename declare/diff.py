"""What changed between two readings of an application (v1 → v2 …), section by section.

Pure: it compares two lists of sections as declare.reading.render_sections reads them (labels
in official order, values as printed, personal data already masked for the viewer), so the
diff shows exactly the text each version printed, and nothing a viewer may not read.

A section: key, heading, status (same / changed / added / removed), fields [{label, old, new,
changed}] and tables [{label, columns, changed, rows: [{status, cells: [{old, new, changed}]}]}]
where a row of a repeating group (or of 表4-2) is same, changed, added or removed.
"""

from difflib import SequenceMatcher

SAME, CHANGED, ADDED, REMOVED = "same", "changed", "added", "removed"


def diff_readings(old: list[dict], new: list[dict]) -> list[dict]:
    """Every section of either reading, in the new reading's order (a section only the old one
    has comes after the section it followed there)."""
    before = {s["key"]: s for s in old}
    after = {s["key"]: s for s in new}
    keys = [s["key"] for s in new]
    for n, s in enumerate(old):
        if s["key"] not in after:
            previous = next((o["key"] for o in reversed(old[:n]) if o["key"] in keys), None)
            keys.insert(keys.index(previous) + 1 if previous else 0, s["key"])
    return [_section(before.get(k), after.get(k)) for k in keys]


def changed_only(sections: list[dict]) -> list[dict]:
    """The same diff keeping only what changed: changed sections, their changed fields, their
    changed tables and, in those, the rows that differ."""
    out = []
    for s in sections:
        if s["status"] == SAME:
            continue
        tables = [{**t, "rows": [r for r in t["rows"] if r["status"] != SAME]}
                  for t in s["tables"] if t["changed"]]
        out.append({**s, "fields": [f for f in s["fields"] if f["changed"]], "tables": tables})
    return out


def changed_keys(sections: list[dict]) -> set[str]:
    return {s["key"] for s in sections if s["status"] != SAME}


def _section(old: dict | None, new: dict | None) -> dict:
    some = new or old
    fields = _fields((old or {}).get("rows", []), (new or {}).get("rows", []))
    tables = _tables((old or {}).get("tables", []), (new or {}).get("tables", []))
    if old is None:
        status = ADDED
    elif new is None:
        status = REMOVED
    else:
        changed = any(f["changed"] for f in fields) or any(t["changed"] for t in tables)
        status = CHANGED if changed else SAME
    return {"key": some["key"], "heading": some["heading"], "status": status,
            "fields": fields, "tables": tables}


def _numbered(rows) -> dict[tuple[str, int], str]:
    """{(label, n-th time the label occurs): text}: a label printed twice stays two fields."""
    seen: dict[str, int] = {}
    out = {}
    for label, text in rows:
        seen[label] = seen.get(label, 0) + 1
        out[(label, seen[label])] = text
    return out


def _fields(old_rows, new_rows) -> list[dict]:
    before, after = _numbered(old_rows), _numbered(new_rows)
    keys = list(after) + [k for k in before if k not in after]
    return [{"label": k[0], "old": before.get(k, ""), "new": after.get(k, ""),
             "changed": before.get(k, "") != after.get(k, "")} for k in keys]


def _tables(old_tables, new_tables) -> list[dict]:
    before = {t["label"]: t for t in old_tables}
    after = {t["label"]: t for t in new_tables}
    labels = list(after) + [label for label in before if label not in after]
    return [_table(label, before.get(label), after.get(label)) for label in labels]


def _table(label: str, old: dict | None, new: dict | None) -> dict:
    columns = (new or old)["columns"]
    a = [tuple(r) for r in (old or {}).get("rows", [])]
    b = [tuple(r) for r in (new or {}).get("rows", [])]
    rows = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            rows += [_row(SAME, r, r) for r in b[j1:j2]]
            continue
        paired = min(i2 - i1, j2 - j1) if op == "replace" else 0
        rows += [_row(CHANGED, a[i1 + n], b[j1 + n]) for n in range(paired)]
        rows += [_row(REMOVED, r, ()) for r in a[i1 + paired:i2]]
        rows += [_row(ADDED, (), r) for r in b[j1 + paired:j2]]
    return {"label": label, "columns": columns, "rows": rows,
            "changed": any(r["status"] != SAME for r in rows)}


def _row(status: str, old: tuple, new: tuple) -> dict:
    width = max(len(old), len(new))
    old = old + ("",) * (width - len(old)) if old else ("",) * width
    new = new + ("",) * (width - len(new)) if new else ("",) * width
    return {"status": status,
            "cells": [{"old": o, "new": n, "changed": status != SAME and o != n}
                      for o, n in zip(old, new, strict=True)]}


def materials_reading(snapshot_data: dict) -> dict:
    """The submitted materials as one more section (申报材料: item, file, SHA-256)."""
    rows = [[m.get("item_label") or m.get("item", ""), m.get("title", ""), m.get("sha256", "")]
            for m in snapshot_data.get("materials", [])]
    return {"key": "materials", "heading": "申报材料", "rows": [],
            "tables": [{"label": "申报材料", "columns": ["材料项目", "文件", "SHA-256"],
                        "rows": rows}]}
