"""资格预审: the 申报条件 of 105号 二 as data-driven rules, run on the draft.

Each rule has an id, a title, the paragraph it comes from, the kinds/tiers it applies to, and
a check `(application, data) -> (outcome, reason)`. Thresholds come from
`application.call.threshold(key)` (calls.models.default_thresholds), never from literals.
Other apps append rules to RULES (e.g. the ban list, construction periods of awarded projects):

    from declare.eligibility.conditions import RULES
    from declare.eligibility.outcomes import FAIL, PASS, Rule
    RULES.append(Rule("projects.ban", "弄虚作假禁报", "105号 五(二)", check=my_check))

Outcomes: pass (符合), fail (不符合: blocks submission), explain (需说明: blocks submission until
an explanation is given — by the form field the rule names, or on the pre-check page).
Missing inputs are a fail that says what is missing ("未填写：…").
"""

from decimal import Decimal, InvalidOperation
from types import SimpleNamespace

from calls.choices import CATEGORIES_FOR_KIND, Category, ProjectKind
from catalog.models import Occupation, category_for_code
from catalog.selectors import major_names

from ..schema import BASE_ELIGIBILITY, STUDIO_ELIGIBILITY, STUDIO_MASTER
from ..vocab import SKILL_LEVELS, SKILL_RANK
from .outcomes import BASE, EXPLAIN, FAIL, PASS, STUDIO, Finding, Inputs, Rule

RULES: list[Rule] = []


def register(rule: Rule) -> Rule:
    RULES.append(rule)
    return rule


def evaluate(application) -> list[Finding]:
    """Every rule that applies to the application, in registry order."""
    data = load_inputs(application)
    return [rule(application, data) for rule in RULES if rule.applies_to(application)]


def load_inputs(application) -> Inputs:
    sections = {s.key: s.data or {} for s in application.sections.all()}
    return Inputs(sections, occupations_of(application), major_labels())


def occupations_of(application) -> list[tuple[str, str]]:
    """The declared occupations as (code, name) pairs in the specialities' order: what the
    category rule reads (plain values, so a list page can pass them from one values query)."""
    specialities = application.specialities.all()
    if "specialities" not in getattr(application, "_prefetched_objects_cache", {}):
        specialities = specialities.select_related("occupation")
    return [(s.occupation.code, s.occupation.name)
            for s in sorted(specialities, key=lambda s: s.position)]


def major_labels() -> dict[str, str]:
    """The 大类 names the category rule reads ("6" → 生产制造及有关人员): one cache read; a
    list page reads them once and passes them to category_finding for every row."""
    return {code[0]: name for code, name in major_names().items()}


def category_finding(application, majors: dict[str, str] | None = None,
                     occupations: list[tuple[str, str]] | None = None) -> Finding:
    """105号 二(四) alone, read from the specialities only: the recommender's inbox and detail
    page show the applicant's own verdict without loading the sections. `majors` from
    major_labels(), read once per page; `occupations` the (code, name) pairs in order when the
    caller has them already (a list page: one values query), else occupations_of(application).
    `application` needs only kind, category, explanations and call."""
    names = major_labels() if majors is None else majors
    pairs = occupations_of(application) if occupations is None else occupations
    return CATEGORY(application, Inputs({}, pairs, names))


def category_for_basics(*, kind: str, category: str, occupations: list[Occupation]) -> Finding:
    """105号 二(四) on the 申报基本信息 alone, before or while they are saved: the same rule
    the pre-check runs, so creation refuses what the pre-check would call 不符合."""
    basics = SimpleNamespace(kind=kind, category=category, tier="", explanations={})
    return CATEGORY(basics, Inputs({}, [(o.code, o.name) for o in occupations], major_labels()))


# ---------------------------------------------------------------- reading inputs
def _blank(value) -> bool:
    return value is None or (isinstance(value, str | list | dict) and not value)


def _yes(value) -> bool:
    return value is True or str(value).lower() in ("yes", "on", "true", "1")


def _number(value) -> Decimal | None:
    try:
        return None if _blank(value) else Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        return None


def _fmt(n: Decimal) -> str:
    return f"{n.normalize():f}"


_LABELS = {f"{spec.key}.{f.key}": f.label
           for spec in (BASE_ELIGIBILITY, STUDIO_ELIGIBILITY, STUDIO_MASTER) for f in spec.fields()}


def _missing(key: str) -> tuple[str, str]:
    return FAIL, f"未填写：{_LABELS.get('eligibility.' + key, key)}"


# ---------------------------------------------------------------- check makers
def yes_check(key: str, ok: str, bad: str):
    """A condition the unit answers 是/否 (or a declaration it ticks) in section eligibility."""
    def check(application, data: Inputs):
        value = data.section("eligibility").get(key)
        if value is False:
            return FAIL, bad
        if _blank(value):
            return _missing(key)
        return (PASS, ok) if _yes(value) else (FAIL, bad)
    return check


def min_check(key: str, threshold: str, what: str, unit: str, requirement: str):
    """A number in section eligibility that must reach call.threshold(threshold)."""
    def check(application, data: Inputs):
        value = _number(data.section("eligibility").get(key))
        if value is None:
            return _missing(key)
        need = Decimal(application.call.threshold(threshold))
        if value < need:
            return FAIL, f"{what} {_fmt(value)} {unit}，低于{requirement} {_fmt(need)} {unit}要求"
        return PASS, f"{what} {_fmt(value)} {unit}，达到{requirement} {_fmt(need)} {unit}要求"
    return check


def record_years(call_year: int) -> range:
    """The three years before the call's (2022–2024 for 2025) whose training is recorded."""
    return range(call_year - 3, call_year)


def yearly_check(key: str, threshold: str, what: str, unit: str):
    """Every year of the three before the call (2022–2024 for 2025) must reach the threshold."""
    def check(application, data: Inputs):
        need = Decimal(application.call.threshold(threshold))
        rows = data.section("eligibility").get("training") or []
        by_year = {str(r.get("year")): r for r in rows if isinstance(r, dict)}
        years = record_years(application.call.year)
        missing, low, seen = [], [], []
        for year in years:
            value = _number((by_year.get(str(year)) or {}).get(key))
            if value is None:
                missing.append(f"{year}年{what}")
            elif value < need:
                low.append(f"{year}年{what} {_fmt(value)}{unit}")
            else:
                seen.append(value)
        if missing:
            return FAIL, f"未填写：{'、'.join(missing)}"
        if low:
            return FAIL, f"{'；'.join(low)}，低于每年 {_fmt(need)}{unit}要求"
        return PASS, (f"{years[0]}—{years[-1]}年{what}最低 {_fmt(min(seen))}{unit}，"
                      f"达到每年 {_fmt(need)}{unit}要求")
    return check


def check_designated(application, data: Inputs):
    year = _number(data.section("eligibility").get("designated_year"))
    if year is None:
        return _missing("designated_year")
    low = application.call.threshold("base_b_designated_from")
    high = application.call.threshold("base_b_designated_to")
    span = f"{low}—{high}年"
    if not low <= year <= high:
        return FAIL, (f"确定为国家级高技能人才培养基地的年度为 {_fmt(year)} 年，不在 {span}范围内；"
                      "已建项目须从该期间确定的基地中选取")
    return PASS, f"{_fmt(year)} 年确定为国家级高技能人才培养基地，在 {span}范围内"


def _level_label(code) -> str:
    return dict(SKILL_LEVELS).get(str(code), str(code))


def check_leader_level(application, data: Inputs):
    """二(二): leader normally 一级/高级技师; below only for a local-speciality craft, and then the
    recommender explains the leader's contribution (application.explanations, written through
    quotas.services.statement), which it must do before recommending."""
    level = data.section("master").get("skill_level")
    if _blank(level) or str(level) not in SKILL_RANK:
        return FAIL, "未填写：技能大师信息·职业技能等级"
    need = str(application.call.threshold("studio_leader_level"))
    have, need_label = _level_label(level), _level_label(need)
    if SKILL_RANK[str(level)] >= SKILL_RANK[need]:
        return PASS, f"领办人职业技能等级为{have}，达到{need_label}要求", ""
    if _yes(data.section("eligibility").get("local_speciality")):
        return EXPLAIN, (f"领办人职业技能等级为{have}，低于{need_label}；从事地方特色技艺职业（工种），"
                         "须由推荐单位对其业绩贡献作出说明")
    return FAIL, (f"领办人职业技能等级为{have}，低于{need_label}要求；仅从事地方特色技艺职业（工种）"
                  "并由推荐单位作出说明的方可申报"), ""


def check_already_national(application, data: Inputs):
    value = data.section("eligibility").get("already_national")
    if _blank(value):
        return _missing("already_national")
    if _yes(value):
        return FAIL, "该技能大师已确定为本单位国家级技能大师工作室领办人，不得以相同单位再次申报"
    return PASS, "该技能大师未被确定为本单位国家级技能大师工作室领办人"


def check_in_construction(application, data: Inputs):
    elig = data.section("eligibility")
    value = elig.get("in_construction")
    if _blank(value):
        return _missing("in_construction")
    if _yes(value):
        until = elig.get("in_construction_until")
        period = f"（至 {until}）" if until else ""
        return FAIL, f"仍在建设期内{period}，不参加本年度申报"
    return PASS, "无仍在建设期内的国家级或自治区级建设项目"


def check_capacity_plausible(application, data: Inputs):
    """A year that trained more people than the premises can take (年培训规模) needs a word of
    explanation: one of the two figures is likely wrong (105号 二(一)1(2) and 2(4))."""
    elig = data.section("eligibility")
    capacity = _number(elig.get("capacity"))
    rows = [r for r in elig.get("training") or [] if isinstance(r, dict)]
    above = [(r.get("year"), n) for r in rows
             if (n := _number(r.get("trainees"))) is not None and capacity is not None
             and n > capacity]
    if capacity is None or not above:
        return PASS, "年培训规模与各年度培训人次相符"
    years = "、".join(f"{year}年培训 {_fmt(n)} 人次" for year, n in above)
    return EXPLAIN, (f"填写的年培训规模为 {_fmt(capacity)} 人次，而{years}，超过年培训规模；"
                     "请核对两处数字，或说明原因")


# ---------------------------------------------------------------- category vs 大类
_NUMERALS = "零一二三四五六七八九"


def _occupation_text(code: str, name: str, data: Inputs) -> str:
    major = code[0]
    return f"{name}（{code}）属第{_NUMERALS[int(major)]}大类“{data.majors.get(major, '')}”"


def check_category(application, data: Inputs):
    """二(四): 第六大类 → 生产制造类, 第四大类 → 社会生产和生活服务类; 其他类 only for studios.
    Reads the (code, name) pairs of data.specialities, not Speciality or Occupation objects."""
    declared = application.category
    declared_label = Category(declared).label
    if not data.specialities:
        return FAIL, "未填写：申报职业（工种）"
    if declared not in CATEGORIES_FOR_KIND[application.kind]:
        return FAIL, f"{ProjectKind(application.kind).label}不设“{declared_label}”"
    if declared == Category.OTHER:
        return PASS, "其他类（非物质文化遗产传承、民间技艺、地方或民族特色技艺）不按职业大类对应"
    implied = [(code, name, category_for_code(code)) for code, name in data.specialities]
    wrong = [(code, name, cat) for code, name, cat in implied if cat != declared]
    if not wrong:
        texts = "；".join(_occupation_text(code, name, data) for code, name, _ in implied)
        return PASS, f"{texts}，与申报类别“{declared_label}”一致"
    code, name, cat = wrong[0]
    if cat is None:
        return EXPLAIN, (f"{_occupation_text(code, name, data)}，不直接对应“生产制造类”或“社会生产和生活服务类”，"
                         f"申报类别为“{declared_label}”，请说明理由")
    if len(wrong) < len(implied):
        parts = "；".join(f"{n}（{c}）对应“{Category(k).label}”" for c, n, k in implied if k)
        return EXPLAIN, (f"两个申报专业分属不同类别：{parts}；申报类别为“{declared_label}”，"
                         "请说明理由")
    return FAIL, (f"{_occupation_text(code, name, data)}，对应“{Category(cat).label}”，"
                  f"与申报类别“{declared_label}”不符")


# ---------------------------------------------------------------- the registry, in order
A_TIERS = ("A", "B")   # 二(一)2(2): an existing base must also meet the new-base conditions
for rule in [
    Rule("base_b.designated", "2011—2020年确定的国家级高技能人才培养基地", "105号 二(一)2",
         check_designated, (BASE,), ("B",)),
    Rule("base_b.assessed", "经考核评估确定为管理规范、成效显著的单位", "105号 二(一)2(1)",
         yes_check("assessed_well", "经自治区人社部门会同财政部门考核评估确定为管理规范、成效显著的单位",
                   "未经自治区人社部门会同财政部门考核评估确定为管理规范、成效显著的单位"),
         (BASE,), ("B",)),
    Rule("base.rules", "规范的培训管理、财务管理制度", "105号 二(一)1(1)",
         yes_check("rules_in_place", "已建立规范的培训管理、财务管理等制度",
                   "未建立规范的培训管理、财务管理等制度"), (BASE,), A_TIERS),
    Rule("base.no_penalty", "近3年未受刑事处罚和失信联合惩戒", "105号 二(一)1(1)",
         yes_check("no_penalty", "已承诺近3年未受过刑事处罚和失信联合惩戒",
                   "未勾选承诺：本单位承诺：近3年未受过刑事处罚和失信联合惩戒"), (BASE,), A_TIERS),
    Rule("base.capacity", "年培训规模", "105号 二(一)1(2)",
         min_check("capacity", "base_a_min_capacity", "年培训规模", "人次", "新建基地"),
         (BASE,), A_TIERS),
    Rule("base.capacity_plausible", "年培训规模与年度培训人次相符", "105号 二(一)1(2)",
         check_capacity_plausible, (BASE,)),
    Rule("base.occupations", "实习实训条件的职业（工种）数量", "105号 二(一)1(3)",
         min_check("occupations_count", "base_a_min_occupations", "具备实习实训条件的职业（工种）",
                   "个", "新建基地"), (BASE,), A_TIERS),
    Rule("base.platform", "信息化管理与服务平台", "105号 二(一)1(3)",
         yes_check("info_platform", "已建立信息化管理与服务平台", "未建立信息化管理与服务平台"),
         (BASE,), A_TIERS),
    Rule("base.standards", "按国家职业技能标准和职业培训包开展培训", "105号 二(一)1(4)",
         yes_check("standards", "按照国家职业技能标准和职业培训包规范开展职业技能培训",
                   "未按照国家职业技能标准和职业培训包规范开展职业技能培训"), (BASE,), A_TIERS),
    Rule("base.apprenticeship", "企业新型学徒制培训", "105号 二(一)1(4)",
         yes_check("apprenticeship", "开展中国特色企业新型学徒制培训",
                   "未开展中国特色企业新型学徒制培训"), (BASE,), A_TIERS),
    Rule("base.social_service", "面向社会或本行业开展培训服务", "105号 二(一)1(5)",
         yes_check("social_service", "面向社会或本行业开展培训服务、承担政府补贴性培训等工作",
                   "未面向社会或本行业开展培训服务"), (BASE,), A_TIERS),
    Rule("base_b.system", "较为完备系统的高技能人才培养培训体系", "105号 二(一)2(3)",
         yes_check("complete_system", "已建立覆盖课程、教材、师资、装备、评价、竞赛的培养培训体系",
                   "未建立覆盖课程、教材、师资、装备、评价、竞赛的培养培训体系"), (BASE,), ("B",)),
    Rule("base_b.trainees", "年度培训规模", "105号 二(一)2(4)",
         yearly_check("trainees", "base_b_min_yearly_training", "培训", "人次"), (BASE,), ("B",)),
    Rule("base_b.high_skill", "年度高技能人才培训规模", "105号 二(一)2(4)",
         yearly_check("high_skill", "base_b_min_yearly_high_skill", "高技能人才培训", "人次"),
         (BASE,), ("B",)),
    Rule("base_b.pass_rate", "年度培训合格率", "105号 二(一)2(5)",
         yearly_check("pass_rate", "base_b_min_pass_rate", "培训合格率", "%"), (BASE,), ("B",)),
    Rule("base_b.satisfaction", "企业及劳动者满意率", "105号 二(一)2(5)",
         yearly_check("satisfaction", "base_b_min_satisfaction", "满意率", "%"), (BASE,), ("B",)),
    Rule("studio.premises", "固定的场所和必要的工作条件", "105号 二(二)",
         yes_check("fixed_premises", "具备固定的场所和必要的工作条件",
                   "不具备固定的场所和必要的工作条件"), (STUDIO,)),
    Rule("studio.activities", "定期开展培训、研修、攻关、交流活动", "105号 二(二)",
         yes_check("regular_activities", "定期开展培训、研修、攻关、交流等活动",
                   "未定期开展培训、研修、攻关、交流等活动"), (STUDIO,)),
    Rule("studio.rules", "完善的管理制度并规范运作", "105号 二(二)",
         yes_check("management_rules", "建立有完善的管理制度、办法并规范运作",
                   "未建立完善的管理制度、办法"), (STUDIO,)),
    Rule("studio.innovation", "技术革新、技能攻关和企业新型学徒制任务", "105号 二(二)",
         yes_check("innovation", "积极开展技术革新、技能攻关、推广活动和企业新型学徒制任务",
                   "未开展技术革新、技能攻关、推广活动和企业新型学徒制任务"), (STUDIO,)),
    Rule("studio.leader_level", "领办人职业技能等级", "105号 二(二)", check_leader_level,
         (STUDIO,), explained_by="recommender"),
    Rule("studio.already_national", "已确定为国家级技能大师工作室的不得再次申报", "105号 二(三)",
         check_already_national, (STUDIO,)),
    Rule("common.in_construction", "仍在建设期内的不参加本年度申报", "105号 二(三)",
         check_in_construction),
]:
    register(rule)
CATEGORY = register(Rule("common.category", "项目类别与申报职业大类对应", "105号 二(四)",
                         check_category))
