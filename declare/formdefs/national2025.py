"""The 2025 national forms: 附件3 (base) and 附件4 (studio) of 人社厅发〔2022〕… as printed in
the 2025 notice (105号), in the official order and wording (documents/official/ is the guard).

A section's data is stored as a JSON object in `declare.Section.data`, keyed by the field keys
below; a Group stores a list of row objects. Shared blocks (表3-n per speciality, the three
construction contents) are built by functions and vary only by their data, never copied.
Frozen: calls of 2025 have submissions written under it (declare.formdefs.registry.FROZEN).
"""

from calls.choices import CallLevel
from calls.wording import budget_sources

from ..vocab import ETHNIC_GROUPS, GENDERS, POLITICAL_STATUS, SKILL_LEVELS, UNIT_NATURES, YES_NO
from .registry import SPECIALITIES, FormDefinition, register
from .spec import Field, Group, SectionSpec

# ---------------------------------------------------------------- 附件3 培训基地 --------

BASE_COVER = SectionSpec("cover", "", "封面", items=(
    Field("city", "所在地市", max_length=40),
    Field("authority", "主管单位", max_length=80),
    Field("filler", "填 报 人", max_length=40),
    Field("filled_on", "填报时间", "date", not_future=True),
), note="项目单位、项目类别、申报专业（职业工种）取自申报基本信息。")

BASE_T1_1 = SectionSpec("t1_1", "表1-1", "项目单位基本情况信息", "一、项目概述", items=(
    Field("unit_name", "项目单位名称", max_length=120, from_unit="name"),
    Field("nature", "属性", "choice", choices=UNIT_NATURES, from_unit="nature"),
    Field("nature_other", "其它（请注明）", required=False, max_length=40),
    Field("authority", "项目单位主管部门", max_length=120),
    Field("credit_code", "统一社会信用代码或组织机构代码", "credit_or_org_code",
          from_unit="credit_code"),
    Field("address", "项目单位地址", max_length=200, row="项目单位地址及网址"),
    Field("website", "网址", "url", required=False, row="项目单位地址及网址"),
    Field("legal_name", "姓名", max_length=40, row="法人代表信息"),
    Field("legal_post", "部门及职务", max_length=80, row="法人代表信息"),
    Field("legal_phone", "办公电话", "phone", row="法人代表信息"),
    Field("legal_mobile", "手机", "mobile", pii=True, row="法人代表信息"),
    Field("contact_name", "姓名", max_length=40, row="联系人信息"),
    Field("contact_post", "部门及职务", max_length=80, row="联系人信息"),
    Field("contact_phone", "办公电话", "phone", row="联系人信息"),
    Field("contact_mobile", "手机", "mobile", pii=True, row="联系人信息"),
    Field("account", "资金账号", max_length=40),
    Field("bank", "开户银行", max_length=80),
    Field("features", "办学特色概述（包括但不限于规范管理、培训能力、师资队伍、校企合作等方面）",
          "textarea", placeholder="（可附加页）"),
))

BASE_T1_2 = SectionSpec("t1_2", "表1-2", "项目背景及工作基础", "一、项目概述", items=(
    Field("background", "项目背景", "textarea",
          placeholder="简述当地经济社会发展、产业结构调整、企业高技能人才需求、高技能人才培训等方面的总体情况"),
    Field("foundation", "工作基础", "textarea",
          placeholder="就拟申报的专业分别简述培养高技能人才具备的条件和已有的工作基础"),
))

BASE_T2_1 = SectionSpec("t2_1", "表2-1", "项目实施工作思路", "二、项目实施工作思路与工作目标",
                        items=(
    Field("guiding", "指导思想", "textarea",
          placeholder="重点围绕贯彻落实“十四五”职业技能培训规划，培训急需紧缺高技能人才，"
                      "促进区域经济和产业发展等简述指导思想"),
    Field("approach", "基本思路", "textarea", placeholder="简述开展培训基地建设的工作思路和建设原则"),
))

BASE_T2_2 = SectionSpec("t2_2", "表2-2", "项目实施工作目标", "二、项目实施工作思路与工作目标",
                        items=(
    Field("overall", "总体目标", "textarea", placeholder="简述项目建设总体目标和项目产出"),
    Field("stages", "阶段目标", "textarea", placeholder="按年度制定可量化、可监测目标"),
))

# 表3-n-2: the three construction contents, each with items 1–4 and year-1/year-2 points.
CONTENTS = (
    ("system", "构建完善的高技能人才培训体系", "建设内容一",
     "重点包括课程设置、培训模式、教材开发、师资配备、培训设备设施、实训实操、技能评价等内容"),
    ("capacity", "提升培训能力", "建设内容二",
     "重点包括校企合作、企业新型学徒制、师资能力提升、设备设施改造等内容"),
    ("results", "高技能人才培养经验成果", "建设内容三",
     "重点包括高技能人才培训体系建设形成的技术经验、创新性规律性成果"),
)

ITEM_FIELDS = (
    Field("item", "建设内容", "textarea"),
    Field("year1", "建设期第一年验收要点", "textarea"),
    Field("year2", "建设期第二年验收要点", "textarea"),
)


def speciality_sections(n: int) -> tuple[SectionSpec, SectionSpec]:
    """表3-n-1 and 表3-n-2 for the n-th declared speciality (the same block, varied by n)."""
    team = SectionSpec(f"t3_{n}_1", f"表3-{n}-1", "专业（职业）项目组构成与建设目标",
                       "三、项目实施工作重点及内容", items=(
        Field("leader", "项目负责人", max_length=200, row="项目组成"),
        Field("members", "项目组成员", "textarea", row="项目组成"),
        Field("target", "建设目标", "textarea",
              placeholder="根据项目产出制定，应包括可量化、可监测的数据指标"),
    ))
    plan = SectionSpec(f"t3_{n}_2", f"表3-{n}-2", "专业（职业）建设内容与进度",
                       "三、项目实施工作重点及内容", items=tuple(
        Group(key, label, ITEM_FIELDS, min_rows=1, max_rows=4, row=f"{number}（{guide}）")
        for key, label, number, guide in CONTENTS
    ))
    return team, plan


BASE_T4_1 = SectionSpec("t4_1", "表4-1", "保障机制", "四、主要保障措施", items=(
    Field("organisation", "管理机构", "textarea",
          placeholder="管理机构的总体架构、基本职责、人员组成、责任分工以及考核奖惩措施等"),
    Field("mechanism", "保障机制", "textarea", placeholder="包括项目建设的培训机制、管理机制等"),
    Field("funding", "经费保障", "textarea",
          placeholder="包括中央财政补助经费的使用与管理，地方、学校、行业、企业和其他方面的经费筹措措施"),
))

# 表4-2 sources, in column order; amounts in 万元. Rows are CONTENTS; 合计 and 比例 computed.
# The columns as 附件3 prints them; a call's own names by its level: calls.wording.budget_sources.
BUDGET_SOURCES = budget_sources(CallLevel.NATIONAL)

BASE_T4_2 = SectionSpec("t4_2", "表4-2", "投入预算汇总", "四、主要保障措施", items=(
    Field("budget", "资金总预算及来源", "budget"),
), note="金额单位：万元。合计行、合计列及各比例（%）由系统计算：比例为各来源占本行合计的比例，"
        "合计列比例为本行占资金总预算的比例；比例取两位小数，按最大余数法使每行（及合计列）"
        "之和恰为 100.00。")

UNIT_OPINION = SectionSpec("opinion", "表5", "申报单位意见", "五、审核结果", items=(
    Field("unit_opinion", "申报单位意见", "textarea",
          placeholder="申报单位对申报内容真实性的承诺及推荐意见（打印后签字盖章）"),
))

BASE_ANNEX_TEXTS = SectionSpec("annex_texts", "附件", "实施管理办法和经费管理实施细则", items=(
    Field("measures", "国家级高技能人才培训基地建设项目实施管理办法", "textarea", required=False,
          help="可在此填写全文，或在“申报材料”中上传盖章文件（二者至少其一）。"),
    Field("fund_rules", "国家级高技能人才培训基地建设项目经费管理实施细则", "textarea",
          required=False, help="可在此填写全文，或在“申报材料”中上传盖章文件（二者至少其一）。"),
))

# Inputs of the eligibility pre-check (105号 二(一)); not printed on 附件3.
def base_eligibility(training_label: str) -> SectionSpec:
    """The inputs of the B档 pre-check; the training record is of the three years before the
    call's (declare.eligibility.record_years), its label says which."""
    return SectionSpec("eligibility", "", "申报条件信息", official=False, items=(
    Field("rules_in_place", "已建立规范的培训管理、财务管理等制度", "yesno", choices=YES_NO),
    Field("no_penalty", "本单位承诺：近3年未受过刑事处罚和失信联合惩戒", "declaration"),
    Field("capacity", "培训场所和设施设备可满足的年培训规模（人次）", "integer"),
    Field("occupations_count", "具备实习实训条件的职业（工种）数量", "integer"),
    Field("info_platform", "已建立信息化管理与服务平台", "yesno", choices=YES_NO),
    Field("standards", "按照国家职业技能标准和职业培训包规范开展职业技能培训", "yesno",
          choices=YES_NO),
    Field("apprenticeship", "开展中国特色企业新型学徒制培训", "yesno", choices=YES_NO),
    Field("social_service", "面向社会或本行业开展培训服务，承担政府补贴性职业技能培训、师资研修、"
          "教材教法研发等工作", "yesno", choices=YES_NO),
    Group("training", training_label, (
        Field("year", "年度", "year"),
        Field("trainees", "培训人次", "integer"),
        Field("high_skill", "其中高技能人才人次", "integer"),
        Field("pass_rate", "培训合格率（%）", "percent"),
        Field("satisfaction", "企业及劳动者满意率（%）", "percent"),
    ), min_rows=3, max_rows=3, fixed="year"),
    Field("designated_year", "确定为国家级高技能人才培养基地的年度（已建项目填写）", "year",
          required=False, tiers=("B",)),
    Field("assessed_well", "经自治区人社部门会同财政部门考核评估确定为管理规范、资金使用安全、"
          "培养成效显著的单位（已建项目填写）", "yesno", choices=YES_NO, required=False,
          tiers=("B",)),
    Field("complete_system", "已建立覆盖课程设置、教材开发、师资建设、培训装备、能力评价、技能竞赛"
          "等方面的培养培训体系（已建项目填写）", "yesno", choices=YES_NO, required=False,
          tiers=("B",)),
    Field("in_construction", "本单位有获得国家级或自治区级资金支持且仍在建设期内的建设项目",
          "yesno", choices=YES_NO),
    Field("in_construction_until", "该项目建设期截止日期", "date", required=False),
))


BASE_SUMMARY = SectionSpec("summary", "附件2-1", "申报情况汇总表信息", official=False, items=(
    Field("honours", "获得荣誉情况", "textarea", placeholder="请注明年份，如：2023年 自治区级高技能人才培训基地"),
    Field("performance", "开展培训及主要业绩情况", "textarea"),
))

# ---------------------------------------------------------------- 附件4 工作室 ----------

STUDIO_COVER = SectionSpec("cover", "", "封面", items=(
    Field("authority", "主 管 单 位", max_length=80),
    Field("filler", "填 报 人", max_length=40),
    Field("filled_on", "填 报 时 间", "date", not_future=True),
), note="申报单位、工作室职业（工种）、领办人姓名及职业技能等级取自申报信息和技能大师信息。")

STUDIO_UNIT = SectionSpec("unit", "", "申报单位信息", items=(
    Field("unit_name", "申报单位名称", max_length=120, from_unit="name"),
    Field("nature", "单位性质", max_length=40),
    Field("head", "负责人", max_length=40),
    Field("head_phone", "办公电话", "phone"),
    Field("contact", "联系人", max_length=40),
    Field("contact_phone", "办公电话", "phone"),
    Field("contact_mobile", "手机", "mobile", pii=True),
    Field("email", "电子邮箱", "email"),
    Field("fax", "传真", "fax", required=False),
    Field("address", "通信地址", max_length=200),
    Field("postcode", "邮政编码", "postcode"),
    Field("bank_account", "开户银行及资金账号", max_length=160),
))

STUDIO_MASTER = SectionSpec("master", "", "技能大师信息", items=(
    Field("name", "技能大师姓名", max_length=40),
    Field("gender", "性别", "choice", choices=GENDERS),
    Field("ethnicity", "民族", "ethnicity", choices=ETHNIC_GROUPS),
    Field("birth", "出生年月", "month"),
    Field("work_start", "参加工作时间", "month"),
    Field("political", "政治面貌", "political", choices=POLITICAL_STATUS),
    Field("id_number", "身份证号", "id_card", pii=True),
    Field("employer_post", "工作单位及职务", max_length=160),
    Field("occupation", "从事职业（工种）", "occupation"),
    Field("skill_level", "职业技能等级", "skill_level", choices=SKILL_LEVELS),
    Field("honour_years", "获得中华技能大奖、全国技术能手、享受国务院政府特殊津贴年度",
          required=False, max_length=120, placeholder="如：2019年全国技术能手；未获得可不填"),
    Field("mobile", "手机", "mobile", pii=True),
    Field("location", "工作室地点", max_length=200),
    Field("area", "工作室面积", "area", help="单位：平方米"),
    Field("facilities", "工作室基本设施", "textarea"),
    Group("members", "工作室人员", (
        Field("name", "姓名", max_length=40),
        Field("occupation", "职业（工种）", max_length=60),
        Field("skill_level", "职业技能等级", "skill_level", choices=SKILL_LEVELS),
        Field("duty", "在工作室承担的工作", max_length=80),
    ), min_rows=1, max_rows=30),
))

STUDIO_ACHIEVEMENTS = SectionSpec("achievements", "", "技能大师工作业绩", items=(
    Field("achievements", "技能大师工作业绩、获省部级以上奖励或国家专利情况、主要创新发明等情况。",
          "textarea", placeholder="（可另附页）文字描述要说清时间、内容、结果，抓住重点，叙述简要。"),
))

STUDIO_OPINION = SectionSpec("opinion", "", "申报单位意见", items=UNIT_OPINION.items)

STUDIO_REPORT = SectionSpec("report", "", "技能大师工作室申报报告", official=False, items=(
    Field("necessity", "工作室成立的必要性和现有优势", "textarea"),
    Field("team", "工作室领办人及主要成员简介", "textarea"),
    Field("plan", "工作室工作计划目标", "textarea"),
))

# Inputs of the eligibility pre-check (105号 二(二)、(三)).
STUDIO_ELIGIBILITY = SectionSpec("eligibility", "", "申报条件信息", official=False, items=(
    Field("fixed_premises", "具备固定的场所和必要的工作条件", "yesno", choices=YES_NO),
    Field("regular_activities", "定期开展培训、研修、攻关、交流等活动", "yesno", choices=YES_NO),
    Field("management_rules", "建立有完善的管理制度、办法并规范运作", "yesno", choices=YES_NO),
    Field("innovation", "积极开展技术革新、技能攻关、推广活动和企业新型学徒制任务", "yesno",
          choices=YES_NO),
    Field("local_speciality", "领办人从事地方特色技艺职业（工种），具备绝技绝活并在挖掘和传承传统"
          "工艺上作出较大贡献", "yesno", choices=YES_NO, required=False,
          help="领办人不具备高级技师职业资格或技能等级时，由推荐单位对其业绩贡献作出说明（105号 二(二)）。"),
    Field("already_national", "该技能大师已确定为本单位国家级技能大师工作室领办人", "yesno",
          choices=YES_NO),
    Field("in_construction", "本单位有获得国家级或自治区级资金支持且仍在建设期内的建设项目",
          "yesno", choices=YES_NO),
    Field("in_construction_until", "该项目建设期截止日期", "date", required=False),
    Field("staff_education_ratio", "单位职工教育经费用于高技能人才培养、交流等方面的比例（%）",
          "percent"),
))

STUDIO_SUMMARY = SectionSpec("summary", "附件2-2", "申报情况汇总表信息", official=False, items=(
    Field("leader_awards", "领办人获奖情况", "textarea", placeholder="请注明年份"),
    Field("leader_performance", "领办人主要业绩情况", "textarea"),
))




def training_label(year: int) -> str:
    """"2022—2024年职业技能培训开展情况" for a 2025 form: the three years before the call's
    (the same years declare.eligibility.record_years checks)."""
    return f"{year - 3}—{year - 1}年职业技能培训开展情况"


BASE_ELIGIBILITY = base_eligibility(training_label(2025))

# What the paper prints that no input carries: headings, the cover's rows filled from the
# 申报基本信息, 填写要求, the reviewers' parts of 表5 (declare.formdefs.registry.FormDefinition).
OPINION_PRINTED = {
    "t5_title": "申报单位、省级专家审核意见和行政部门审核结果",
    "sign": "(签字盖章)", "date_blank": "年　　月　　日",
    "expert_opinion": "专家评审意见", "experts": "专家信息",
    "expert_name": "姓 名", "expert_post": "单位及职务/职称", "expert_mobile": "手 机",
    "expert_sign": "签 名", "admin_opinion": "行政部门审核意见",
    "hr_office": "省级人力资源社会保障厅（局）", "finance_office": "省级财政厅（局）",
}

BASE_PRINTED = {
    **OPINION_PRINTED,
    "annex": "附件3", "title": ("国家级高技能人才培训基地", "建设项目申报表"),
    "issuer": "人力资源社会保障部 财政部 制", "seal": "(公章)",
    "unit": "项目单位", "kind": "项目类别", "new": "新建项目", "existing": "已建项目",
    "specialities": ("申报专业", "(职业工种)"),
    "requirements_title": "填 写 要 求",
    "requirements": ("一、请按照要求，如实填写，仔细核对。",
                     "二、须制定项目建设总体目标和分阶段目标，要有可量化的考核指标。各项目进度须明确年度目标、"
                     "可监测指标和经费预算。",
                     "三、填写内容文字要准确简练，内容要重点突出，数字要精准无误。",
                     "四、请使用 A4 纸，双面印，左侧装订，一式六份连同电子文档一并上报。"),
    "speciality": "专业（职业）", "continued": "（续）",
    "content": "建设内容", "total": "合计", "amount": ("金额", "（万元）"),
    "ratio": ("比例", "（%）"), "attachments": "附件：",
    "expert_note": "说明：1. 专家人数不得少于{n}人；2. 专家人数应为单数。",
}

STUDIO_PRINTED = {
    **OPINION_PRINTED,
    "annex": "附件4", "title": ("国家级技能大师工作室", "建设项目申报表"),
    "issuer": "人力资源社会保障部 财政部 制", "seal": "(公章)",
    "unit": "申 报 单 位", "occupation": "工作室职业 (工种)", "leader": "领 办 人 姓 名",
    "leader_level": "领办人职业技能等级",
    "requirements_title": "填 写 要 求",
    "requirements": ("一、请按照要求，如实填写，仔细核对。",
                     "二、文字描述要说清时间、内容、结果，抓住重点，叙述简要。",
                     "三、此表请使用 A4 纸，双面印，左侧装订，一式六份连同电子文档一并上报。"),
    "more_pages": "(可另附页)",
    "expert_note": "说明：专家人数应为单数，不得少于{n}人。",
}


NATIONAL_2025 = register(FormDefinition(
    key="2025-national", title="2025年国家级（附件3/附件4，人力资源社会保障部 财政部 2022年制）",
    year=2025, edition=2022,
    base=(BASE_COVER, BASE_T1_1, BASE_T1_2, BASE_T2_1, BASE_T2_2, SPECIALITIES, BASE_T4_1,
          BASE_T4_2, UNIT_OPINION, BASE_ANNEX_TEXTS, BASE_ELIGIBILITY, BASE_SUMMARY),
    speciality=speciality_sections,
    studio=(STUDIO_COVER, STUDIO_UNIT, STUDIO_MASTER, STUDIO_ACHIEVEMENTS, STUDIO_OPINION,
            STUDIO_REPORT, STUDIO_ELIGIBILITY, STUDIO_SUMMARY),
    printed={"base": BASE_PRINTED, "studio": STUDIO_PRINTED},
))
