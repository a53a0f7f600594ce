"""附件2-1 / 附件2-2 (申报情况汇总表): the rows, in recommendation order (105号 四(一)1(1)).

The renderers (documents.annex2_xlsx / annex2_pdf) know nothing about models; this module
assembles their plain input from the ranking and the applications' "summary"/"master" sections.
"""

from calls.choices import CallLevel, ProjectKind, category_tier_label
from declare.vocab import SKILL_LEVELS

from .models import ContactPerson, Recommendation

ANNEX_NUMBER = {ProjectKind.BASE: "附件2-1", ProjectKind.STUDIO: "附件2-2"}
SUBJECT = {ProjectKind.BASE: "高技能人才培训基地", ProjectKind.STUDIO: "技能大师工作室"}

BASE_COLUMNS = (("seq", "序号"), ("unit", "项目申报单位"), ("category", "项目类别"),
                ("occupation", "申报职业（工种）及代码"), ("honours", "获得荣誉情况"),
                ("performance", "开展培训及主要业绩情况"))
STUDIO_COLUMNS = (("seq", "序号"), ("unit", "项目申报单位"), ("category", "项目类别"),
                  ("occupation", "申报职业（工种）及代码"), ("leader", "领办人"),
                  ("leader_level", "领办人职业技能等级"), ("leader_awards", "领办人获奖情况"),
                  ("leader_performance", "领办人主要业绩情况"))
COLUMNS = {ProjectKind.BASE: BASE_COLUMNS, ProjectKind.STUDIO: STUDIO_COLUMNS}

# The official 填表说明, character for character (spacing as in the notice).
NOTES = {
    ProjectKind.BASE: "填表说明：项目类别填写：生产制造类 A 档、生产制造类 B 档、社会生产和生活服务类 A 档、"
                      "社会生产和生活服务类 B 档（选择一项）；职业（工种）及代码请按照中华人民共和国职业分类"
                      "大典（2022 年版）细类填写；获得荣誉情况请注明年份。",
    ProjectKind.STUDIO: "填表说明：项目类别填写：生产制造类、社会生产和生活服务类、其他类（选择一项）；职业"
                        "（工种）及代码请按照中华人民共和国职业分类大典（2022 年版）细类填写；获奖情况请注明年份。",
}
SKILL_LABELS = dict(SKILL_LEVELS)


def annex2_title(call, kind) -> str:
    return f"{call.year} 年{CallLevel(call.level).label}{SUBJECT[kind]}建设项目申报情况汇总表"


def annex2_header(call, recommender, kind) -> dict:
    contact = ContactPerson.objects.filter(call=call, recommender=recommender).first()
    phone = ""
    if contact:
        phone = " / ".join(p for p in (contact.phone, contact.mobile) if p)
    return {"recommender": recommender.name, "filler": contact.name if contact else "",
            "phone": phone, "title": annex2_title(call, kind)}


def _section(application, key) -> dict:
    return next((s.data for s in application.sections.all() if s.key == key), {}) or {}


def _occupations(application) -> str:
    return "、".join(str(sp) for sp in application.specialities.all())


def annex2_row(seq: int, application) -> dict:
    summary = _section(application, "summary")
    row = {"seq": seq, "unit": application.unit.name,
           "category": category_tier_label(application.category, application.tier or None),
           "occupation": _occupations(application)}
    if application.kind == ProjectKind.BASE:
        row.update(honours=summary.get("honours", ""), performance=summary.get("performance", ""))
    else:
        master = _section(application, "master")
        row.update(leader=master.get("name", ""),
                   leader_level=SKILL_LABELS.get(master.get("skill_level", ""), ""),
                   leader_awards=summary.get("leader_awards", ""),
                   leader_performance=summary.get("leader_performance", ""))
    return row


def annex2_rows(call, recommender, kind) -> tuple[dict, list[dict]]:
    """(header {"recommender","filler","phone","title"}, rows in ranking order)."""
    recs = (Recommendation.objects
            .filter(package__call=call, package__recommender=recommender, kind=kind)
            .select_related("application__unit")
            .prefetch_related("application__specialities__occupation", "application__sections")
            .order_by("rank"))
    rows = [annex2_row(i, r.application) for i, r in enumerate(recs, start=1)]
    return annex2_header(call, recommender, kind), rows
