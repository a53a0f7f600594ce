"""From an approved application to a project under construction (100号 二(二)、六)."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from calls.choices import CallLevel, ProjectKind
from calls.wording import subsidy_sources
from core.dates import add_years
from core.errors import DomainError
from declare.models import Application, ApplicationStatus, Section
from declare.schema import CONTENTS

from .. import rules
from ..choices import FundingSource, ProjectStatus
from ..models import FundingRule, Milestone, Project
from ..workflow import PROJECT
from .base import lock, log, require


def amount_for(call, kind: str, category: str, tier: str = "") -> Decimal | None:
    """The subsidy per project: the call's flat amount at city level (100号 二(二): 20万/5万),
    otherwise the FundingRule configured for the call by kind, category and tier."""
    if call.level == CallLevel.CITY:
        return call.subsidy_base if kind == ProjectKind.BASE else call.subsidy_studio
    rule = FundingRule.objects.filter(call=call, kind=kind, category=category,
                                      tier=tier if kind == ProjectKind.BASE else "").first()
    return rule.amount if rule else None


def _sections(application, keys) -> dict[str, dict]:
    rows = Section.objects.filter(application=application, key__in=keys)
    return {s.key: s.data or {} for s in rows}


def _milestone_rows(application) -> list[dict]:
    """The acceptance points of 表3-n-2 (base) or the studio's 工作室工作计划目标."""
    if application.kind == ProjectKind.STUDIO:
        plan = _sections(application, ["report"]).get("report", {}).get("plan", "").strip()
        return [{"speciality": 1, "content": "plan", "position": 1, "year": 1, "item": "",
                 "point": plan or "完成工作室工作计划目标"}]
    data = _sections(application, ["t3_1_2", "t3_2_2"])
    out = []
    for n in (1, 2):
        section = data.get(f"t3_{n}_2", {})
        for key, _label, _number, _guide in CONTENTS:
            for pos, row in enumerate(section.get(key) or [], start=1):
                for year in (1, 2):
                    point = str(row.get(f"year{year}") or "").strip()
                    if point:
                        out.append({"speciality": n, "content": key, "position": pos,
                                    "year": year, "item": str(row.get("item") or ""),
                                    "point": point})
    return out


def _leader(application) -> tuple[str, str]:
    if application.kind != ProjectKind.STUDIO:
        return "", ""
    master = _sections(application, ["master"]).get("master", {})
    return str(master.get("name") or ""), str(master.get("skill_level") or "")


@transaction.atomic
def create_project_from_application(application: Application, *, by,
                                    released_on: date | None = None,
                                    source: str = FundingSource.EMPLOYMENT,
                                    amount: Decimal | None = None) -> Project:
    """Open the construction project of an approved application (立项), with its funds and
    the year-1/year-2 acceptance points of 表3-n-2 as milestones.

    `amount` defaults to the call's rule (amount_for); `released_on` may follow later
    through record_release. Raises DomainError when the application is not approved, already
    has a project, `by` may not decide for the call, or no amount is configured.
    """
    app = Application.objects.select_for_update().select_related("call", "unit").get(
        pk=application.pk)
    require(app.status == ApplicationStatus.APPROVED,
            f"申报 {app.reference} 尚未确定立项（当前状态：{app.get_status_display()}）。")
    require(not Project.objects.filter(application=app).exists(),
            f"申报 {app.reference} 已立项，不能重复立项。")
    probe = Project(call=app.call, unit=app.unit)
    require(rules.is_authority(by, probe), "只有发文单位的审核人员或管理员可以确定立项。")
    if amount is None:
        amount = amount_for(app.call, app.kind, app.category, app.tier)
    require(amount is not None,
            "本批次尚未设置该类项目的补助标准，请先在“补助标准”中按项目类型、类别和档次设置。",
            field="amount")
    speciality = app.specialities.select_related("occupation").order_by("position").first()
    leader_name, leader_level = _leader(app)
    project = Project.objects.create(
        application=app, call=app.call, unit=app.unit, kind=app.kind, category=app.category,
        tier=app.tier, occupation=speciality.occupation if speciality else None,
        leader_name=leader_name, leader_level=leader_level, amount=amount, source=source,
        created_by=by)
    Milestone.objects.bulk_create(Milestone(project=project, **row)
                                  for row in _milestone_rows(app))
    PROJECT.start(project, by=by, payload={"amount": str(amount), "source": source,
                                          "application": app.reference})
    if released_on:
        project = record_release(project, by=by, released_on=released_on, source=source)
    return project


@transaction.atomic
def record_release(project: Project, *, by, released_on: date, source: str) -> Project:
    """Record the date the funds were released; the construction period runs from it
    (base call.threshold("base_construction_years"), studio "studio_construction_years")."""
    locked = lock(project)
    require(rules.is_authority(by, locked), "只有发文单位的审核人员或管理员可以登记资金下达。")
    require(locked.status == ProjectStatus.CONSTRUCTION, "只有建设中的项目可以登记资金下达。")
    sources = dict(subsidy_sources(locked.call.level))
    require(source in sources, f"请选择资金来源（本批次补助资金来源：{'、'.join(sources.values())}）。",
            field="source")
    locked.released_on = released_on
    locked.source = source
    locked.period_end = add_years(released_on, locked.construction_years)
    locked._change_reason = "登记资金下达"
    locked.save()
    for milestone in locked.milestones.all():
        milestone.due_on = add_years(released_on, milestone.year)
        milestone.save(update_fields=["due_on"])
    log(locked, by=by, action="登记资金下达",
        payload={"released_on": released_on.isoformat(), "source": source,
                 "period_end": locked.period_end.isoformat()})
    return locked


__all__ = ["DomainError", "amount_for", "create_project_from_application", "record_release"]
