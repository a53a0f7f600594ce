"""专家组: membership (≥ minimum and odd), chair, conflicts, assignment and start of scoring."""

from dataclasses import dataclass, field

from django.db import transaction

from calls.choices import ProjectKind
from calls.rules import panel_size_problem
from core.errors import DomainError
from core.text import sentence

from .. import notices
from ..conflicts import conflict_map, conflict_reason
from ..models import Assignment, Panel, PanelMember, PanelStatus, ScoreSheet
from ..rules import can_review
from ..selectors import admitted_applications
from ..workflow import PANEL
from .assignment import propose_partial, trim
from .audit import log
from .receipt import require_sending_closed
from .rubrics import current_rubric


def _lock(panel) -> Panel:
    return Panel.objects.select_for_update().select_related("call", "call__issuer").get(
        pk=panel.pk)


def _require_reviewer(panel, by):
    if not can_review(by, panel.call):
        raise DomainError("您无权管理该专家组。")


def _require_status(panel, *allowed):
    if panel.status not in allowed:
        raise DomainError(f"专家组当前状态为“{panel.get_status_display()}”，不能进行此操作。")


def required_per_application(panel, member_count: int | None = None) -> int:
    n = member_count if member_count is not None else panel.members.count()
    return panel.per_application or n


@transaction.atomic
def create_panel(call, kind, *, by) -> Panel:
    if not can_review(by, call):
        raise DomainError("您无权组建专家组。")
    if Panel.objects.filter(call=call, kind=kind).exists():
        raise DomainError("该项目类型的专家组已存在。")
    panel = Panel.objects.create(call=call, kind=kind,
                                 name=f"{call.year}年度{ProjectKind(kind).label}复审专家组")
    PANEL.start(panel, by=by)
    return panel


@transaction.atomic
def set_panel(panel, *, experts, chair, per_application, spread_flag, by) -> Panel:
    """Set members and chair; 附件3 表5: 不得少于 N 人且为单数 (N from the call)."""
    panel = _lock(panel)
    _require_reviewer(panel, by)
    _require_status(panel, PanelStatus.FORMING)
    experts = list(experts)
    problem = panel_size_problem(panel.call, len(experts))
    if problem:
        raise DomainError(problem, field="experts")
    if chair is None or chair.id not in {e.id for e in experts}:
        raise DomainError("组长须为本专家组成员。", field="chair")
    pending = [e.name for e in experts if not e.has_accepted]
    if pending:
        raise DomainError(f"{'、'.join(pending)}尚未接受评审邀请（确认保密及回避承诺），"
                          "不能进入专家组。", field="experts")
    foreign = [e.name for e in experts if e.pool_id != panel.call.issuer_id]
    if foreign:
        raise DomainError(f"只能从{panel.call.issuer.label}专家库中抽取专家：{'、'.join(foreign)}"
                          "不在该专家库中。", field="experts")
    if per_application:
        problem = panel_size_problem(panel.call, per_application)
        if problem:
            raise DomainError(f"每个项目的评审专家：{problem}", field="per_application")
        if per_application > len(experts):
            raise DomainError("每个项目评审专家人数不能超过专家组人数。", field="per_application")
    before = sorted(panel.members.values_list("expert_id", flat=True))
    keep = {e.id for e in experts}
    panel.assignments.exclude(expert_id__in=keep).delete()
    panel.members.exclude(expert_id__in=keep).delete()
    for e in experts:
        PanelMember.objects.get_or_create(panel=panel, expert=e)
    panel.chair, panel.per_application, panel.spread_flag = chair, per_application, spread_flag
    panel.save(update_fields=["chair", "per_application", "spread_flag"])
    log(panel.call, by=by, action="set_panel", subject=panel.name,
        payload={"before": before, "after": sorted(keep), "chair": chair.id,
                 "per_application": per_application})
    return panel


def _members(panel):
    return [m.expert for m in panel.members.select_related("expert__organisation")
            .prefetch_related("expert__occupations")]


@transaction.atomic
def assign(panel, *, application, expert, by) -> Assignment:
    """Assign by hand; a conflicted pair is refused with its reason before anything is saved."""
    panel = _lock(panel)
    _require_reviewer(panel, by)
    _require_status(panel, PanelStatus.FORMING, PanelStatus.SCORING)
    if not panel.members.filter(expert=expert).exists():
        raise DomainError(f"{expert.name}不是本专家组成员。")
    apps = list(admitted_applications(panel.call, panel.kind))
    if all(a.pk != application.pk for a in apps):
        raise DomainError("该项目未受理或不属于本专家组。")
    reason = conflict_reason(expert, application, apps)
    if reason:
        raise DomainError(f"{expert.name}须回避{application.reference}：{sentence(reason)}")
    assignment, created = Assignment.objects.get_or_create(panel=panel, application=application,
                                                           expert=expert)
    if created and panel.status == PanelStatus.SCORING:
        notices.assigned(assignment)
    log(panel.call, by=by, action="assign", subject=application.reference,
        payload={"expert": expert.id})
    return assignment


@transaction.atomic
def unassign(panel, *, application, expert, by) -> None:
    panel = _lock(panel)
    _require_reviewer(panel, by)
    _require_status(panel, PanelStatus.FORMING, PanelStatus.SCORING)
    assignment = panel.assignments.filter(application=application, expert=expert).first()
    if assignment is None:
        return
    if ScoreSheet.objects.filter(assignment=assignment).exists():
        raise DomainError(f"{expert.name}已开始评分{application.reference}，不能取消分配。")
    assignment.delete()
    log(panel.call, by=by, action="unassign", subject=application.reference,
        payload={"expert": expert.id})


def _codes(occupations) -> list[str]:
    return sorted(o.code for o in occupations)


def project_label(app) -> str:
    """申报编号、单位 and 申报专业 of a project, as a shortfall names it."""
    fields = "、".join(f"{trim(s.occupation.code)} {s.occupation.name}"
                      for s in app.specialities.all())
    return f"{app.reference}（{app.unit.label}）" + (f" {fields}方向" if fields else "")


@dataclass
class AutoAssignment:
    plan: dict[int, list[int]]
    missing: list[str] = field(default_factory=list)   # "还需 2 名无回避专家：…"


@transaction.atomic
def auto_assign(panel, *, by) -> AutoAssignment:
    """Replace the assignment by the min-cost-flow proposal (staff may adjust it afterwards).

    Partial when it must be: every project gets the experts it may have without a conflict;
    `missing` names each project still short ("还需 2 名无回避专家：…")."""
    panel = _lock(panel)
    _require_reviewer(panel, by)
    _require_status(panel, PanelStatus.FORMING)
    experts = _members(panel)
    problem = panel_size_problem(panel.call, len(experts))
    if problem:
        raise DomainError(f"请先组建专家组：{problem}")
    apps = list(admitted_applications(panel.call, panel.kind)
                .prefetch_related("specialities__occupation"))
    if not apps:
        raise DomainError("尚无已受理的项目可分配。")
    k = required_per_application(panel, len(experts))
    conflicts = set(conflict_map(experts, apps))
    plan, short = propose_partial(
        {a.id: _codes(s.occupation for s in a.specialities.all()) for a in apps},
        {e.id: _codes(e.occupations.all()) for e in experts}, conflicts, k)
    by_id = {a.id: a for a in apps}
    missing = [f"还需 {s.needed - s.available} 名无回避专家：{project_label(by_id[s.application_id])}"
               for s in short]
    panel.assignments.all().delete()
    Assignment.objects.bulk_create([Assignment(panel=panel, application_id=a, expert_id=e)
                                    for a, es in plan.items() for e in es])
    log(panel.call, by=by, action="auto_assign", subject=panel.name,
        payload={"plan": {str(a): es for a, es in plan.items()}, "missing": missing})
    return AutoAssignment(plan, missing)


def coverage_problems(panel, experts, apps, assignments) -> list[str]:
    k = required_per_application(panel, len(experts))
    counts: dict[int, int] = {}
    for a in assignments:
        counts[a.application_id] = counts.get(a.application_id, 0) + 1
    return [f"{app.reference}（{app.unit.label}）已分配 {counts.get(app.id, 0)} 人，"
            f"还需 {k - counts.get(app.id, 0)} 人" for app in apps if counts.get(app.id, 0) < k]


@transaction.atomic
def start_scoring(panel, *, by) -> Panel:
    """Open scoring: the panel is complete, every application covered, rubric fixed."""
    panel = _lock(panel)
    _require_reviewer(panel, by)
    PANEL.check(panel, "start_scoring")
    require_sending_closed(panel.call, [panel.kind], step="开始评分", received=True)
    experts = _members(panel)
    problem = panel_size_problem(panel.call, len(experts))
    if problem:
        raise DomainError(problem)
    if panel.chair_id is None:
        raise DomainError("请先指定专家组组长。")
    rubric = current_rubric(panel.call, panel.kind)
    if rubric is None:
        raise DomainError("请先发布评分细则。")
    apps = list(admitted_applications(panel.call, panel.kind))
    if not apps:
        raise DomainError("尚无已受理的项目。")
    assignments = list(panel.assignments.all())
    gaps = coverage_problems(panel, experts, apps, assignments)
    if gaps:
        raise DomainError("分配不完整：" + "；".join(gaps) + "。")
    conflicts = conflict_map(experts, apps)
    broken = [a for a in assignments if (a.application_id, a.expert_id) in conflicts]
    if broken:
        raise DomainError("存在须回避的分配，请先调整。")
    PANEL.move(panel, "start_scoring", by=by, rubric=rubric,
               payload={"rubric_version": rubric.version})
    load = {e.id: sum(1 for a in assignments if a.expert_id == e.id) for e in experts}
    notices.scoring_started(panel, {e: load[e.id] for e in experts if e.user_id and load[e.id]})
    return panel
