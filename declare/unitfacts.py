"""What the form takes from the registered unit (orgs.Organisation), and the one overlay of it.

项目单位名称, 统一社会信用代码 and 属性 are the unit's registration: the form shows them read-only
("如需修改，请修改单位信息") and every reading (pages, PDF, 提交版本) takes them from the unit, so
the form can never name a unit other than the one that applies (saving and completeness take
them from the unit too). 所在地市 and 主管单位 are only proposed from the organisation tree on a
new form (the unit may correct them).
"""

from calls.choices import ProjectKind
from orgs.models import OrgKind, UnitNature

from .eligibility.conditions import record_years
from .schema import SectionSpec, sections_for

UNIT_NOTE = "取自单位注册信息。如需修改，请修改单位信息。"
CITY_KINDS = (OrgKind.LEAGUE_CITY, OrgKind.PLANNED_CITY)


def lock_from_unit(field) -> None:
    """Shown, not typed: read-only (a select cannot be, so it is disabled and not posted); the
    value saved is the unit's whatever is posted (services.sections.save_section)."""
    select = getattr(field.widget, "input_type", "") == "select"
    field.widget.attrs["disabled" if select else "readonly"] = True
    field.widget.attrs["aria-readonly"] = "true"
    field.help_text = UNIT_NOTE


def city_of(unit) -> str:
    """The 盟市 (or 计划单列市) above the unit in the tree, "" when it reports to a 区直 unit."""
    org = unit.parent
    while org is not None:
        if org.kind in CITY_KINDS:
            return org.short_name or org.name
        org = org.parent
    return ""


def unit_facts(unit) -> dict[str, str]:
    """The registered values a Field's `from_unit` names."""
    return {"name": unit.name, "credit_code": unit.credit_code,
            "nature": UnitNature(unit.nature).label if unit.nature else ""}


def registered(spec: SectionSpec, facts: dict[str, str]):
    """The fields of `spec` whose value the unit's registration gives (one that is not
    registered, e.g. a blank 单位性质, is typed on the form like any other)."""
    return [f for f in spec.fields() if f.from_unit and facts.get(f.from_unit)]


def with_unit_facts(spec: SectionSpec, data: dict | None, facts: dict[str, str]) -> dict:
    """`data` with every field the unit's registration gives set to the unit's value."""
    out = dict(data or {})
    for f in registered(spec, facts):
        out[f.key] = facts[f.from_unit]
    return out


def lock_registered(form, spec: SectionSpec, facts: dict[str, str]) -> None:
    """Show the registered fields of a section form read-only (see lock_from_unit)."""
    for f in registered(spec, facts):
        if f.key in form.fields:
            lock_from_unit(form.fields[f.key])


def prefill(application, key: str | None = None) -> dict[str, dict]:
    """What a section of a new application shows before its first save: the unit's
    registration, its 所在地市 and 主管单位, and for a base the three fixed rows of the training
    record with their years (105号 二(一)2(4)). Nothing is stored until the unit saves.
    `key`: only that section's (the section page shows one)."""
    unit = application.unit
    facts = unit_facts(unit)
    guessed = {"city": city_of(unit), "authority": unit.parent.name if unit.parent else ""}
    out = {}
    for spec in sections_for(application.kind, form=application):
        if key is not None and spec.key != key:
            continue
        keys = [f.key for f in spec.fields()]
        data = with_unit_facts(spec, {k: v for k, v in guessed.items() if k in keys and v}, facts)
        if data:
            out[spec.key] = data
    if application.kind == ProjectKind.BASE and key in (None, "eligibility"):
        out["eligibility"] = {"training": [{"year": year}
                                           for year in record_years(application.call.year)]}
    return out
