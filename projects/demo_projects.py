"""Demo projects of the Ordos call in each stage, made through the same services users call.

The applications are created directly as approved (the city review is outside this demo);
everything after approval goes through projects.services. Idempotent: an application that
already has a project is left alone.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from calls.choices import Category, ProjectKind
from catalog.models import Occupation
from declare.models import Application, ApplicationStatus, Section, Speciality
from declare.projection import project
from orgs.roles import Role

from .choices import EvaluationKind, FundingSource, Grade, Purpose, RevocationReason
from .models import Project
from .services import (
    apply_for_acceptance,
    create_project_from_application,
    decide_acceptance,
    record_evaluation,
    record_spending,
    report_progress,
    revoke_project,
)

D = Decimal
# 表3-1-2 of each demo base, about its own occupation (a 化工总控工 base has no 焊接 points).
WELDING_PLAN = {
    "system": [{"item": "开发焊接模块化课程6门，编写校本教材2部",
                "year1": "完成课程标准和2门模块课程开发", "year2": "6门课程投入教学，出版教材2部"}],
    "capacity": [{"item": "与3家企业共建新型学徒制班，改造焊接实训工位40个",
                  "year1": "改造实训工位20个，开班1期", "year2": "实训工位40个投入使用，年培训800人次"}],
    "results": [{"item": "形成焊接高技能人才培养模式总结报告",
                 "year1": "完成阶段总结", "year2": "形成总结报告并推广"}],
}
CHEMICAL_PLAN = {
    "system": [{"item": "开发煤化工总控操作模块化课程6门，编写校本教材2部",
                "year1": "完成课程标准和2门模块课程开发", "year2": "6门课程投入教学，出版教材2部"}],
    "capacity": [{"item": "建设煤气化、甲醇合成仿真实训装置各1套，与3家煤化工企业共建学徒制班",
                  "year1": "完成仿真实训装置安装，开班1期",
                  "year2": "仿真实训装置投入使用，年培训化工总控工600人次"}],
    "results": [{"item": "形成化工总控工高技能人才培养模式总结报告",
                 "year1": "完成阶段总结", "year2": "形成总结报告并推广"}],
}
BASE_BUDGET = {"budget": {
    "system": {"central": "6.00", "local": "2.00", "industry": "1.00", "other": "0.00"},
    "capacity": {"central": "10.00", "local": "3.00", "industry": "4.00", "other": "0.00"},
    "results": {"central": "4.00", "local": "1.00", "industry": "0.00", "other": "0.00"},
}}


def _unit_user(unit):
    return unit.memberships.filter(role=Role.APPLICANT).select_related("user").first().user


def _application(call, unit, kind, reference, code, category, sections):
    app, _ = Application.objects.get_or_create(reference=reference, defaults={
        "call": call, "unit": unit, "kind": kind, "category": category,
        "tier": "A" if kind == ProjectKind.BASE else "", "status": ApplicationStatus.APPROVED,
        "created_by": _unit_user(unit), "submitted_version": 1})
    Speciality.objects.get_or_create(application=app, position=1, defaults={
        "occupation": Occupation.objects.get(code=code)})
    for key, data in sections.items():
        section, _ = Section.objects.update_or_create(application=app, key=key,
                                                      defaults={"data": data, "complete": True})
        project(section)   # written around the save service: its figures too
    return app


def _studio_sections(name, level, plan):
    return {"master": {"name": name, "skill_level": level},
            "report": {"plan": plan}}


def _project(app, reviewer, released_on):
    existing = Project.objects.filter(application=app).first()
    if existing:
        return existing, False
    return create_project_from_application(app, by=reviewer, released_on=released_on,
                                           source=FundingSource.EMPLOYMENT), True


def seed_projects(call, units, reviewer, out) -> list[Project]:
    today = timezone.localdate()
    made = []
    # 1. A studio under construction: the e2e journey changes its leader and accepts it.
    studio = _application(
        call, units["ejin1"], ProjectKind.STUDIO, "ORD-2025-GZS-001", "6-09-03-12",
        Category.MANUFACTURING,
        _studio_sections("其木格", "1", "带徒20名，开发手工地毯传统图案数字化图库1套，举办技艺交流2次"))
    project, _new = _project(studio, reviewer, today - timedelta(days=120))
    made.append(project)

    # 2. A base in its second construction year, with spending and a staged evaluation.
    base = _application(call, units["kangbashi1"], ProjectKind.BASE, "ORD-2024-JD-001",
                        "6-18-02-04", Category.MANUFACTURING,   # 焊工
                        {"t3_1_2": WELDING_PLAN, "t4_2": BASE_BUDGET})
    project, new = _project(base, reviewer, today - timedelta(days=430))
    if new:
        unit_user = _unit_user(project.unit)
        record_spending(project, by=unit_user, spent_on=today - timedelta(days=300),
                        purpose=Purpose.EQUIPMENT, content="capacity", source="central",
                        amount=D("8.50"), description="焊接实训工位改造（一期）", voucher="记-2024-0318")
        record_spending(project, by=unit_user, spent_on=today - timedelta(days=200),
                        purpose=Purpose.CURRICULA, content="system", source="central",
                        amount=D("3.20"), description="焊接模块化课程开发", voucher="记-2024-0611")
        record_evaluation(project, by=reviewer, kind=EvaluationKind.STAGED, stage=1,
                          findings="第一年验收要点基本完成，实训工位改造进度符合计划。",
                          grade=Grade.GOOD, evaluated_on=today - timedelta(days=60))
    made.append(project)

    # 3. A base accepted: published and plaque issued.
    accepted = _application(call, units["energy1"], ProjectKind.BASE, "ORD-2023-JD-001",
                            "6-11-01-03", Category.MANUFACTURING,   # 化工总控工
                            {"t3_1_2": CHEMICAL_PLAN, "t4_2": BASE_BUDGET})
    project, new = _project(accepted, reviewer, today - timedelta(days=760))
    if new:
        unit_user = _unit_user(project.unit)
        for milestone in project.milestones.all():   # acceptance needs every point reported
            report_progress(milestone, by=unit_user, text=f"已完成：{milestone.point}")
        record_spending(project, by=unit_user, spent_on=today - timedelta(days=600),
                        purpose=Purpose.EQUIPMENT, content="capacity", source="central",
                        amount=D("9.60"), description="煤气化仿真实训装置购置",
                        voucher="记-2023-0905")
        record_spending(project, by=unit_user, spent_on=today - timedelta(days=400),
                        purpose=Purpose.CURRICULA, content="system", source="central",
                        amount=D("5.80"), description="化工总控工模块化课程开发",
                        voucher="记-2024-0312")
        apply_for_acceptance(project, by=unit_user, comment="建设内容已全部完成。", today=today)
        project = decide_acceptance(project, by=reviewer, passed=True,
                                    findings="各项验收要点全部完成，资金使用规范，验收合格。",
                                    decided_on=today - timedelta(days=20))
    made.append(project)

    # 4. A studio revoked for fraud: its unit is on the ban list.
    revoked = _application(
        call, units["zhungeer1"], ProjectKind.STUDIO, "ORD-2024-GZS-002", "6-10-02-01",
        Category.MANUFACTURING,
        _studio_sections("张建军", "1", "带徒10名，完成技术攻关项目2项"))
    project, new = _project(revoked, reviewer, today - timedelta(days=300))
    if new:
        project = revoke_project(project, by=reviewer, reason=RevocationReason.FRAUD,
                                 comment="经查，申报材料中的获奖证书系伪造。",
                                 recovered_amount=project.amount)
    made.append(project)
    out.write(f"  建设项目 {len(made)} 个（建设中、第二年、已验收、已撤销各一）")
    return made
