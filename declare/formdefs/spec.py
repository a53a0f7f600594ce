"""The building blocks of a form definition (declare.formdefs): fields, repeating groups and
sections, and the one reading of a stored value (`Field.display`)."""

from dataclasses import dataclass, field, replace
from datetime import date

from catalog.selectors import occupation_names
from core import pii

# Field types understood by the form builder (declare.forms) and the validators:
#   text, textarea, choice, month (YYYY-MM), date, integer, decimal, percent, area (m²),
#   phone (office), mobile, email, fax, postcode, url, credit_or_org_code, id_card,
#   occupation (catalogue code), ethnicity, political, skill_level, year, yesno, declaration
#   (a checkbox the unit must tick), budget (the 表4-2 grid, see declare.budget)


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    type: str = "text"
    required: bool = True
    placeholder: str = ""
    choices: tuple = ()
    pii: bool = False          # personal information: encrypted at rest, masked for others
    max_length: int = 0        # 0 = the type's default
    row: str = ""              # official row heading this field sits under (法人代表信息 …)
    help: str = ""
    from_unit: str = ""        # the unit's registered value it shows (declare.unitfacts)
    tiers: tuple = ()          # asked only of these tiers (("B",): 已建项目); () = every one
    not_future: bool = False   # a date that has happened (填报时间)

    def display(self, value, *, mask: bool) -> str:
        """The one reading of a stored value, as the official forms print it: 年月日 dates,
        名称（代码） occupations, choice labels, amounts as typed; personal information (stored
        encrypted or not) masked as core.pii masks it when `mask`, in full otherwise."""
        if value in EMPTY:
            return ""
        if self.pii:
            return _personal(self, str(value), mask=mask)
        reader = READINGS.get(self.type)
        if reader is not None:
            return reader(value)
        labels = dict(c for c in self.choices if isinstance(c, tuple))
        if isinstance(value, bool):
            return "是" if value else "否"
        return str(labels.get(value, value))


EMPTY = (None, "", [], {})
TICKED = "已承诺"   # a ticked 承诺 (declaration); an unticked one reads as blank, as on paper


def chinese_date(value) -> str:
    """2025-07-31 → 2025年7月31日, as the notice (105号) writes its dates."""
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    parts = str(value).split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{int(parts[0])}年{int(parts[1])}月{int(parts[2])}日"
    return str(value)


def chinese_month(value) -> str:
    """1978-05 → 1978年5月 (出生年月, 参加工作时间)."""
    year, _sep, month = str(value).partition("-")
    return f"{year}年{int(month)}月" if month.isdigit() else str(value)


def occupation_text(code, name: str = "") -> str:
    """An occupation of the 大典 as 名称（代码）, e.g. 焊工（6-18-02-04）; an unknown code as is."""
    name = name or occupation_names().get(str(code), "")
    return f"{name}（{code}）" if name else str(code)


def _budget_total(value) -> str:
    from ..budget import compute_budget  # budget reads this module's BUDGET_SOURCES

    return f"合计 {compute_budget(value)['grand_total']} 万元" if isinstance(value, dict) \
        else str(value)


READINGS = {
    "declaration": lambda value: TICKED if value else "",
    "date": chinese_date,
    "month": chinese_month,
    "area": lambda value: f"{value}平方米",
    "occupation": occupation_text,
    "budget": _budget_total,
}


def _personal(field: Field, value: str, *, mask: bool) -> str:
    try:
        plain = pii.decrypt(value)
    except ValueError:
        return "（无法解密）"
    if not mask:
        return plain
    return pii.mask_id(plain) if field.type == "id_card" else pii.mask_mobile(plain)


@dataclass(frozen=True)
class Group:
    """Repeating rows, added and removed in the page (items 1–4, 项目组成员, 工作室人员)."""

    key: str
    label: str
    fields: tuple[Field, ...]
    min_rows: int = 1
    max_rows: int = 4
    row: str = ""
    required: bool = True
    fixed: str = ""            # the cell the system fills in each of a fixed number of rows

    def display(self, value, *, mask: bool) -> str:
        """The rows as lines of text (第1行：…；…), each cell read by its field."""
        rows = [r for r in value or [] if isinstance(r, dict)]
        return "\n".join(f"第{n}行：" + "；".join(f.display(r.get(f.key), mask=mask)
                                                for f in self.fields)
                         for n, r in enumerate(rows, start=1))


@dataclass(frozen=True)
class SectionSpec:
    key: str
    number: str                # 表1-1 …; "" for blocks the form has no number for
    title: str
    chapter: str = ""          # 一、项目概述 …
    items: tuple = field(default_factory=tuple)   # Field | Group, in official order
    official: bool = True      # False: system-only inputs (pre-check data, 汇总表 fields)
    note: str = ""

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}".strip()

    def fields(self):
        for item in self.items:
            if isinstance(item, Field):
                yield item




def for_tier(spec: SectionSpec, tier: str) -> SectionSpec:
    """`spec` without the fields asked only of another tier (B档 questions for an A档 base)."""
    items = tuple(i for i in spec.items if not getattr(i, "tiers", ()) or tier in i.tiers)
    return spec if len(items) == len(spec.items) else replace(spec, items=items)
