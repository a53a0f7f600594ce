import pytest

from calls.choices import Category, ProjectKind
from declare.eligibility.conditions import RULES, evaluate
from declare.eligibility.outcomes import EXPLAIN, FAIL, PASS, Rule, blocking
from declare.models import Section

from .test_declare_workflow_builders import complete_application

BASE, STUDIO = ProjectKind.BASE, ProjectKind.STUDIO


@pytest.fixture
def make(call, unit_a, alice):
    def build(kind=BASE, tier="A", **kw):
        return complete_application(call=call, unit=unit_a, by=alice, kind=kind, tier=tier,
                                    materials=False, **kw)
    return build


def _set(app, key, **changes):
    section = Section.objects.get(application=app, key=key)
    section.data = {**section.data, **changes}
    section.save()


OWN = ("base.", "base_b.", "studio.", "common.")


def _own(findings):
    """declare's own rules (other apps append theirs to the same registry)."""
    return [f for f in findings if f.rule_id.startswith(OWN)]


def _finding(app, rule_id):
    return next(f for f in evaluate(app) if f.rule_id == rule_id)


def test_a_complete_new_base_passes_every_rule_in_official_order(make):
    findings = _own(evaluate(make(BASE, "A")))
    assert [f.rule_id for f in findings] == [
        "base.rules", "base.no_penalty", "base.capacity", "base.capacity_plausible",
        "base.occupations", "base.platform", "base.standards", "base.apprenticeship",
        "base.social_service", "common.in_construction", "common.category"]
    assert {f.outcome for f in findings} == {PASS}
    assert findings[2].reason == "年培训规模 3500 人次，达到新建基地 2000 人次要求"
    assert findings[2].citation == "105号 二(一)1(2)"


def test_an_existing_base_is_checked_against_the_new_base_conditions_too(make):
    ids = [f.rule_id for f in evaluate(make(BASE, "B"))]
    assert ids[:3] == ["base_b.designated", "base_b.assessed", "base.rules"]
    assert {"base.capacity", "base_b.trainees", "base_b.high_skill", "base_b.pass_rate",
            "base_b.satisfaction", "base_b.system"} <= set(ids)


def test_a_complete_studio_passes_every_rule(make):
    findings = _own(evaluate(make(STUDIO)))
    assert [f.rule_id for f in findings] == [
        "studio.premises", "studio.activities", "studio.rules", "studio.innovation",
        "studio.leader_level", "studio.already_national", "common.in_construction",
        "common.category"]
    assert blocking(findings) == []


YES_NO_RULES = [
    (BASE, "A", "rules_in_place", "base.rules", "未建立规范的培训管理、财务管理等制度"),
    (BASE, "A", "info_platform", "base.platform", "未建立信息化管理与服务平台"),
    (BASE, "A", "standards", "base.standards", "未按照国家职业技能标准和职业培训包规范开展职业技能培训"),
    (BASE, "A", "apprenticeship", "base.apprenticeship", "未开展中国特色企业新型学徒制培训"),
    (BASE, "A", "social_service", "base.social_service", "未面向社会或本行业开展培训服务"),
    (BASE, "B", "assessed_well", "base_b.assessed",
     "未经自治区人社部门会同财政部门考核评估确定为管理规范、成效显著的单位"),
    (BASE, "B", "complete_system", "base_b.system",
     "未建立覆盖课程、教材、师资、装备、评价、竞赛的培养培训体系"),
    (STUDIO, "", "fixed_premises", "studio.premises", "不具备固定的场所和必要的工作条件"),
    (STUDIO, "", "regular_activities", "studio.activities", "未定期开展培训、研修、攻关、交流等活动"),
    (STUDIO, "", "management_rules", "studio.rules", "未建立完善的管理制度、办法"),
    (STUDIO, "", "innovation", "studio.innovation",
     "未开展技术革新、技能攻关、推广活动和企业新型学徒制任务"),
]


@pytest.mark.parametrize(("kind", "tier", "key", "rule_id", "reason"), YES_NO_RULES)
def test_each_yes_no_condition_fails_when_answered_no(make, kind, tier, key, rule_id, reason):
    app = make(kind, tier)
    assert _finding(app, rule_id).outcome == PASS
    _set(app, "eligibility", **{key: "no"})
    finding = _finding(app, rule_id)
    assert (finding.outcome, finding.reason) == (FAIL, reason)


@pytest.mark.parametrize(("kind", "tier", "key", "rule_id", "reason"), YES_NO_RULES)
def test_each_yes_no_condition_left_empty_fails_saying_what_is_missing(make, kind, tier, key,
                                                                        rule_id, reason):
    app = make(kind, tier)
    _set(app, "eligibility", **{key: ""})
    finding = _finding(app, rule_id)
    assert finding.outcome == FAIL and finding.reason.startswith("未填写：")


def test_unticked_no_penalty_declaration_fails(make):
    app = make()
    _set(app, "eligibility", no_penalty=False)
    assert _finding(app, "base.no_penalty").reason == (
        "未勾选承诺：本单位承诺：近3年未受过刑事处罚和失信联合惩戒")


@pytest.mark.parametrize(("key", "value", "rule_id", "outcome", "reason"), [
    ("capacity", 1800, "base.capacity", FAIL, "年培训规模 1800 人次，低于新建基地 2000 人次要求"),
    ("capacity", 2000, "base.capacity", PASS, "年培训规模 2000 人次，达到新建基地 2000 人次要求"),
    ("capacity", "", "base.capacity", FAIL, "未填写：培训场所和设施设备可满足的年培训规模（人次）"),
    ("occupations_count", 4, "base.occupations", FAIL,
     "具备实习实训条件的职业（工种） 4 个，低于新建基地 5 个要求"),
    ("occupations_count", 5, "base.occupations", PASS,
     "具备实习实训条件的职业（工种） 5 个，达到新建基地 5 个要求"),
])
def test_numeric_new_base_conditions(make, key, value, rule_id, outcome, reason):
    app = make()
    _set(app, "eligibility", **{key: value})
    assert (_finding(app, rule_id).outcome, _finding(app, rule_id).reason) == (outcome, reason)


def test_thresholds_come_from_the_call(make, call):
    call.thresholds = {"base_a_min_capacity": 4000}
    call.save()
    assert _finding(make(), "base.capacity").reason == "年培训规模 3500 人次，低于新建基地 4000 人次要求"


def _training(**per_year):
    rows = []
    for year in (2022, 2023, 2024):
        row = {"year": year, "trainees": 3200, "high_skill": 1100, "pass_rate": "95",
               "satisfaction": "96"}
        row.update(per_year.get(str(year), {}))
        rows.append(row)
    return rows


@pytest.mark.parametrize(("training", "rule_id", "outcome", "reason"), [
    (_training(), "base_b.trainees", PASS, "2022—2024年培训最低 3200人次，达到每年 3000人次要求"),
    (_training(**{"2023": {"trainees": 2800}}), "base_b.trainees", FAIL,
     "2023年培训 2800人次，低于每年 3000人次要求"),
    (_training(**{"2022": {"high_skill": 999}, "2024": {"high_skill": 900}}),
     "base_b.high_skill", FAIL, "2022年高技能人才培训 999人次；2024年高技能人才培训 900人次，低于每年 1000人次要求"),
    (_training(), "base_b.high_skill", PASS, "2022—2024年高技能人才培训最低 1100人次，达到每年 1000人次要求"),
    (_training(**{"2024": {"pass_rate": "89.5"}}), "base_b.pass_rate", FAIL,
     "2024年培训合格率 89.5%，低于每年 90%要求"),
    (_training(**{"2024": {"pass_rate": "90"}}), "base_b.pass_rate", PASS,
     "2022—2024年培训合格率最低 90%，达到每年 90%要求"),
    (_training(**{"2022": {"satisfaction": "85"}}), "base_b.satisfaction", FAIL,
     "2022年满意率 85%，低于每年 90%要求"),
    (_training(), "base_b.satisfaction", PASS, "2022—2024年满意率最低 96%，达到每年 90%要求"),
    (_training()[:2], "base_b.trainees", FAIL, "未填写：2024年培训"),
])
def test_existing_base_yearly_training_every_year_of_2022_to_2024(make, training, rule_id,
                                                                   outcome, reason):
    app = make(BASE, "B")
    _set(app, "eligibility", training=training)
    finding = _finding(app, rule_id)
    assert (finding.outcome, finding.reason) == (outcome, reason)


@pytest.mark.parametrize(("year", "outcome", "reason"), [
    (2011, PASS, "2011 年确定为国家级高技能人才培养基地，在 2011—2020年范围内"),
    (2020, PASS, "2020 年确定为国家级高技能人才培养基地，在 2011—2020年范围内"),
    (2021, FAIL, "确定为国家级高技能人才培养基地的年度为 2021 年，不在 2011—2020年范围内；"
                 "已建项目须从该期间确定的基地中选取"),
    (2010, FAIL, "确定为国家级高技能人才培养基地的年度为 2010 年，不在 2011—2020年范围内；"
                 "已建项目须从该期间确定的基地中选取"),
    ("", FAIL, "未填写：确定为国家级高技能人才培养基地的年度（已建项目填写）"),
])
def test_existing_base_must_have_been_designated_2011_to_2020(make, year, outcome, reason):
    app = make(BASE, "B")
    _set(app, "eligibility", designated_year=year)
    finding = _finding(app, "base_b.designated")
    assert (finding.outcome, finding.reason) == (outcome, reason)


@pytest.mark.parametrize(("level", "local", "explanation", "outcome", "reason"), [
    ("1", "no", "", PASS, "领办人职业技能等级为一级/高级技师，达到一级/高级技师要求"),
    ("chief", "no", "", PASS, "领办人职业技能等级为首席技师，达到一级/高级技师要求"),
    ("2", "yes", "传承蒙古族刺绣技艺三十年，带徒 120 人。", EXPLAIN,
     "领办人职业技能等级为二级/技师，低于一级/高级技师；从事地方特色技艺职业（工种），须由推荐单位对其业绩贡献作出说明"),
    ("2", "yes", "", EXPLAIN,
     "领办人职业技能等级为二级/技师，低于一级/高级技师；从事地方特色技艺职业（工种），须由推荐单位对其业绩贡献作出说明"),
    ("3", "no", "有说明但不是地方特色技艺", FAIL,
     "领办人职业技能等级为三级/高级工，低于一级/高级技师要求；仅从事地方特色技艺职业（工种）并由推荐单位作出说明的方可申报"),
])
def test_studio_leader_level(make, level, local, explanation, outcome, reason):
    """The 说明 is the recommender's (105号 二(二)): it never blocks the unit's submission; the
    recommender writes it before recommending (tests/test_leader_statement.py)."""
    app = make(STUDIO)
    _set(app, "master", skill_level=level)
    _set(app, "eligibility", local_speciality=local)
    app.explanations = {"studio.leader_level": explanation} if explanation else {}
    finding = _finding(app, "studio.leader_level")
    assert (finding.outcome, finding.reason) == (outcome, reason)
    assert finding.blocks == (outcome == FAIL)
    assert finding.awaits_recommender == (outcome == EXPLAIN and not explanation)


def test_explained_leader_carries_the_recommender_explanation(make):
    app = make(STUDIO)
    _set(app, "master", skill_level="2")
    _set(app, "eligibility", local_speciality="yes")
    app.explanations = {"studio.leader_level": "传承技艺。"}
    assert _finding(app, "studio.leader_level").explanation == "传承技艺。"


def test_leader_level_missing_fails(make):
    app = make(STUDIO)
    _set(app, "master", skill_level="")
    assert _finding(app, "studio.leader_level").reason == "未填写：技能大师信息·职业技能等级"


def test_master_already_national_studio_leader_fails(make):
    app = make(STUDIO)
    _set(app, "eligibility", already_national="yes")
    assert _finding(app, "studio.already_national").reason == (
        "该技能大师已确定为本单位国家级技能大师工作室领办人，不得以相同单位再次申报")


@pytest.mark.parametrize("kind", [BASE, STUDIO])
def test_unit_with_project_in_construction_fails_with_the_end_date(make, kind):
    app = make(kind)
    _set(app, "eligibility", in_construction="yes", in_construction_until="2026-12-31")
    finding = _finding(app, "common.in_construction")
    assert (finding.outcome, finding.reason) == (FAIL, "仍在建设期内（至 2026-12-31），不参加本年度申报")


def test_category_matches_the_occupation_major_group(make):
    finding = _finding(make(), "common.category")
    assert (finding.outcome, finding.reason) == (
        PASS, "车工（6-18-01-01）属第六大类“生产制造及有关人员”，与申报类别“生产制造类”一致")


def test_manufacturing_occupation_declared_as_service_fails_naming_both(make):
    finding = _finding(make(category=Category.SERVICE), "common.category")
    assert (finding.outcome, finding.reason) == (
        FAIL, "车工（6-18-01-01）属第六大类“生产制造及有关人员”，对应“生产制造类”，"
              "与申报类别“社会生产和生活服务类”不符")


def test_base_with_specialities_of_two_categories_needs_an_explanation(make):
    app = make(codes=("6-18-01-01", "4-10-01-05"))
    finding = _finding(app, "common.category")
    assert (finding.outcome, finding.reason) == (
        EXPLAIN, "两个申报专业分属不同类别：车工（6-18-01-01）对应“生产制造类”；养老护理员（4-10-01-05）"
                 "对应“社会生产和生活服务类”；申报类别为“生产制造类”，请说明理由")
    assert finding.blocks
    app.explanations = {"common.category": "两个专业共用实训中心。"}
    app.save()
    assert not _finding(app, "common.category").blocks


def test_other_category_is_only_for_studios(make):
    assert _finding(make(STUDIO, category=Category.OTHER), "common.category").outcome == PASS
    finding = _finding(make(BASE, category=Category.OTHER), "common.category")
    assert (finding.outcome, finding.reason) == (FAIL, "培训基地建设项目不设“其他类”")


def test_occupation_outside_major_groups_four_and_six_needs_an_explanation(make):
    finding = _finding(make(codes=("2-02-07-01",)), "common.category")
    assert (finding.outcome, finding.reason) == (
        EXPLAIN, "机械设计工程技术人员（2-02-07-01）属第二大类“专业技术人员”，不直接对应“生产制造类”或"
                 "“社会生产和生活服务类”，申报类别为“生产制造类”，请说明理由")


def test_no_speciality_fails(make):
    finding = _finding(make(codes=()), "common.category")
    assert (finding.outcome, finding.reason) == (FAIL, "未填写：申报职业（工种）")


def test_rules_appended_by_other_apps_run_too(make):
    rule = Rule("test.extra", "弄虚作假禁报", "105号 五(二)",
                lambda app, data: (FAIL, "3年内不得申报（2024年弄虚作假）"), kinds=(BASE,))
    RULES.append(rule)
    try:
        finding = _finding(make(), "test.extra")
    finally:
        RULES.remove(rule)
    assert (finding.outcome, finding.citation) == (FAIL, "105号 五(二)")
