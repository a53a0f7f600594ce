"""The demonstration second version, 2026 national: the 2025 forms with the changes a new year
brings — the training record of 2023—2025, one renamed label (表1-1 资金账号 → 银行账号), one
added field in 表1-1 (在职教职工人数) and a studio form asking for two more 工作室人员 rows.
Built from the 2025 definition by `replace`, so what did not change is not typed again; the
2025 keys stay (a carried-forward application keeps every shared field)."""

from dataclasses import replace

from .national2025 import (
    BASE_PRINTED,
    BASE_T1_1,
    NATIONAL_2025,
    STUDIO_MASTER,
    STUDIO_PRINTED,
    base_eligibility,
    training_label,
)
from .registry import FormDefinition, register
from .spec import Field, Group, SectionSpec


def _renamed(spec: SectionSpec, key: str, label: str) -> SectionSpec:
    return replace(spec, items=tuple(replace(i, label=label) if i.key == key else i
                                     for i in spec.items))


def _added_after(spec: SectionSpec, key: str, item) -> SectionSpec:
    items = []
    for i in spec.items:
        items.append(i)
        if i.key == key:
            items.append(item)
    return replace(spec, items=tuple(items))


def _more_rows(spec: SectionSpec, key: str, extra: int) -> SectionSpec:
    return replace(spec, items=tuple(
        replace(i, min_rows=i.min_rows + extra, max_rows=i.max_rows + extra)
        if isinstance(i, Group) and i.key == key else i for i in spec.items))


T1_1 = _added_after(_renamed(BASE_T1_1, "account", "银行账号"), "bank",
                    Field("staff_count", "在职教职工人数", "integer"))

MASTER = _more_rows(STUDIO_MASTER, "members", 2)


def _swap(specs: tuple, *new: SectionSpec) -> tuple:
    by_key = {s.key: s for s in new}
    return tuple(by_key.get(getattr(s, "key", None), s) for s in specs)


NATIONAL_2026 = register(FormDefinition(
    key="2026-national", title="2026年国家级（演示版：2023—2025年培训记录，表1-1 有调整）",
    year=2026, edition=2025,
    base=_swap(NATIONAL_2025.base, T1_1, base_eligibility(training_label(2026))),
    speciality=NATIONAL_2025.speciality,
    studio=_swap(NATIONAL_2025.studio, MASTER),
    printed={"base": BASE_PRINTED, "studio": STUDIO_PRINTED},
))
