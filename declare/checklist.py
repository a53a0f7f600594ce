"""申报材料清单 per project kind (105号 四(一)1、2; DOMAIN.md §5), in the official order.

The recommendation report and 附件2 are the recommender's; 附件3/附件4 are produced from the
form. What remains here is what the unit uploads. An item with `alternative` is also
satisfied by text typed into that section of the form (实施管理办法 as text, or the structured
申报报告 section), so the unit may choose either.

An item marked `personal` holds a person's identity documents (领办人身份证, the certificates and
the 技能人才工作网 query that show the 身份证号): its files are sealed at rest (core.sealed), never
listed or served to experts, and left out of the masked 合订本 (issue 14 §5). This mark is the
one place that says which items are personal.
"""

from dataclasses import dataclass

from calls.choices import ProjectKind


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    required: bool = True
    alternative: tuple[str, str] | None = None   # (section key, field key or "" = whole section)
    alternative_label: str = ""
    note: str = ""
    personal: bool = False


def base_items(year: int) -> tuple[Item, ...]:
    return (
        Item("measures", "国家级高技能人才培训基地建设项目实施管理办法",
             alternative=("annex_texts", "measures"), alternative_label="申报表“附件”栏目中填写全文",
             note="（项目单位名称）国家级高技能人才培训基地建设项目实施管理办法"),
        Item("fund_rules", "国家级高技能人才培训基地建设项目经费管理实施细则",
             alternative=("annex_texts", "fund_rules"), alternative_label="申报表“附件”栏目中填写全文",
             note="（项目单位名称）国家级高技能人才培训基地建设项目经费管理实施细则"),
        Item("training_record",
             f"{year - 3}-{year - 1}年职业技能培训工作开展情况（需经属地人力资源社会保障部门审核、盖章）"),
        Item("evidence", "佐证材料（需标注目录和页码）",
             note="可上传多份，按上下顺序装订；系统生成目录和页码。"),
    )


STUDIO_ITEMS = (
    Item("report", "技能大师工作室申报报告", alternative=("report", ""),
         alternative_label="申报表“技能大师工作室申报报告”栏目填写完整",
         note="主要包括：工作室成立的必要性和现有优势、工作室领办人及主要成员简介、工作室工作计划目标等"),
    Item("id_card", "领办人身份证", personal=True),
    Item("certificate", "职业资格证书或职业技能等级证书", personal=True),
    Item("query_screenshot", "“技能人才工作网”查询截图", personal=True,
         note="领办人职业资格（职业技能等级）相关证书需附“技能人才工作网”查询截图"),
    Item("awards", "获奖证书", required=False),
    Item("research", "科研成果", required=False),
    Item("host_statement", "工作室所依托的企业或职业培训机构有关情况说明",
         note="包括：本单位技能人才队伍建设情况，单位职工教育经费用于高技能人才培养、交流等方面的费用"
              "不低于50%的证明材料，能够为工作室提供资金支持以及场所、设备等工作条件的情况证明等"),
    Item("evidence", "其他佐证材料", required=False, note="可上传多份，按上下顺序装订。"),
)


# keys are unique across both kinds except the non-personal "evidence"
PERSONAL_ITEMS = frozenset(i.key for i in (*base_items(0), *STUDIO_ITEMS) if i.personal)


def items_for(kind: str, year: int) -> tuple[Item, ...]:
    return base_items(year) if kind == ProjectKind.BASE else STUDIO_ITEMS


def items_of(application) -> tuple[Item, ...]:
    return items_for(application.kind, application.call.year)


def item_for(application, key: str) -> Item | None:
    return next((i for i in items_of(application) if i.key == key), None)
