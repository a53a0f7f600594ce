"""Load the occupation catalogue from fixtures/; used by the data migration and tests."""

import csv
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "occupations_2022.csv"


def parent_code(code: str, known: set[str]) -> str | None:
    """The nearest existing ancestor: 职业 → 小类 → 中类 → 大类 (the source lacks some nodes)."""
    parts = code.split("-")
    for depth in (3, 2, 1):
        if all(p in ("0", "00") for p in parts[depth:]):
            continue
        candidate = "-".join(parts[:depth] + ["00"] * (4 - depth))
        if depth == 1:
            candidate = parts[0] + "-00-00-00"
        if candidate != code and candidate in known:
            return candidate
    return None


def load_occupations(Occupation) -> int:
    with FIXTURE.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    existing = set(Occupation.objects.values_list("code", flat=True))
    Occupation.objects.bulk_create(
        [Occupation(code=r["code"], level=int(r["level"]), name=r["name"],
                    green=r["green"] == "1", digital=r["digital"] == "1")
         for r in rows if r["code"] not in existing],
        batch_size=500,
    )
    ids = dict(Occupation.objects.values_list("code", "id"))
    known = set(ids)
    to_update = []
    for occ in Occupation.objects.filter(parent__isnull=True).exclude(level=1):
        pc = parent_code(occ.code, known)
        if pc:
            occ.parent_id = ids[pc]
            to_update.append(occ)
    Occupation.objects.bulk_update(to_update, ["parent"], batch_size=500)
    return len(rows)
