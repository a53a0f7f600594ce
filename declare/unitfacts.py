"""What the form takes from the registered unit (orgs.Organisation), and the one overlay of it.

项目单位名称, 统一社会信用代码 and 属性 are the unit's registration: the form shows them read-only
("如需修改，请修改单位信息") and every reading (pages, PDF, 提交版本) takes them from the unit, so
the form can never name a unit other than the one that applies. 所在地市 and 主管单位 are only
prefilled at creation from the organisation tree (the unit may correct them on the cover).
"""

from orgs.models import OrgKind, UnitNature

from .schema import SectionSpec, sections_for

UNIT_NOTE = "取自单位注册信息。如需修改，请修改单位信息。"
CITY_KINDS = (OrgKind.LEAGUE_CITY, OrgKind.PLANNED_CITY)


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


def with_unit_facts(spec: SectionSpec, data: dict | None, facts: dict[str, str]) -> dict:
    """`data` with every field that comes from the unit set to the unit's value."""
    out = dict(data or {})
    for f in spec.fields():
        if f.from_unit:
            out[f.key] = facts.get(f.from_unit, "")
    return out


def prefill(kind: str, unit) -> dict[str, dict]:
    """Section data of a new application: the unit's registration, its 所在地市 and 主管单位."""
    facts = unit_facts(unit)
    guessed = {"city": city_of(unit), "authority": unit.parent.name if unit.parent else ""}
    out = {}
    for spec in sections_for(kind):
        keys = [f.key for f in spec.fields()]
        data = {k: v for k, v in guessed.items() if k in keys and v}
        data = with_unit_facts(spec, data, facts)
        if data:
            out[spec.key] = data
    return out
