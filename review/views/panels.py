"""专家组 pages: list per call, members and chair, the assignment matrix, rubric."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from calls.choices import ProjectKind
from calls.rules import panel_size_problem
from core.views import attempt

from ..conflicts import conflict_map
from ..forms import CriterionFormSet, PanelForm
from ..models import Expert, Panel, PanelStatus
from ..selectors import (
    admitted_applications,
    call_for_reviewer,
    experts_for_call,
    panel_for_reviewer,
)
from ..services.panels import (
    assign,
    auto_assign,
    coverage_problems,
    create_panel,
    required_per_application,
    set_panel,
    start_scoring,
    unassign,
)
from ..services.rubrics import current_rubric, publish_rubric
from ._common import posted_id


def _kind(kind):
    if kind not in ProjectKind.values:
        raise Http404
    return kind


@login_required
def panel_list(request, pk):
    call = call_for_reviewer(request.user, pk)
    panels = {p.kind: p for p in Panel.objects.filter(call=call).select_related("chair")
              .prefetch_related("members")}
    return render(request, "review/panels.html", {
        "call": call, "rows": [(k, ProjectKind(k).label, panels.get(k)) for k in call.kinds]})


@require_POST
@login_required
def panel_create(request, pk, kind):
    call = call_for_reviewer(request.user, pk)
    _kind(kind)
    attempt(request, lambda: create_panel(call, kind, by=request.user), "专家组已创建。")
    panel = Panel.objects.filter(call=call, kind=kind).first()
    return redirect("review:panel", pk=panel.pk) if panel else redirect("review:panels", pk=pk)


def _matrix(panel):
    members = [m.expert for m in panel.members.select_related("expert__organisation")]
    apps = list(admitted_applications(panel.call, panel.kind))
    conflicts = conflict_map(members, apps)
    assignments = list(panel.assignments.all())
    taken = {(a.application_id, a.expert_id) for a in assignments}
    rows = []
    for app in apps:
        cells = [{"expert": e, "conflict": conflicts.get((app.id, e.id)),
                  "assigned": (app.id, e.id) in taken} for e in members]
        rows.append({"app": app, "cells": cells, "count": sum(c["assigned"] for c in cells)})
    return members, apps, rows, coverage_problems(panel, members, apps, assignments)


@login_required
def panel_detail(request, pk):
    panel = panel_for_reviewer(request.user, pk)
    members, apps, rows, gaps = _matrix(panel)
    experts = experts_for_call(panel.call)
    form = PanelForm(request.POST or None, experts=experts, initial={
        "experts": members, "chair": panel.chair, "per_application": panel.per_application,
        "spread_flag": panel.spread_flag})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if attempt(request, lambda: set_panel(
                panel, experts=list(d["experts"]), chair=d["chair"],
                per_application=d["per_application"], spread_flag=d["spread_flag"],
                by=request.user), "专家组成员已保存。", form):
            return redirect("review:panel", pk=panel.pk)
    return render(request, "review/panel.html", {
        "panel": panel, "call": panel.call, "form": form, "members": members, "rows": rows,
        "gaps": gaps, "size_problem": panel_size_problem(panel.call, len(members)),
        "minimum": panel.call.threshold("panel_min_experts"),
        "required": required_per_application(panel, len(members)),
        "rubric": current_rubric(panel.call, panel.kind),
        "editable": panel.status in (PanelStatus.FORMING, PanelStatus.SCORING),
        "forming": panel.status == PanelStatus.FORMING,
    })


@require_POST
@login_required
def panel_auto(request, pk):
    panel = panel_for_reviewer(request.user, pk)
    done = []
    if attempt(request, lambda: done.append(auto_assign(panel, by=request.user))):
        if done[0].missing:
            messages.warning(request, "已分配所有无回避的专家，以下项目仍不足："
                             + "；".join(done[0].missing) + "。请增补专家后再次分配或手工调整。")
        else:
            messages.success(request, "已按专业匹配和工作量均衡自动分配，可在下表中手工调整。")
    return redirect("review:panel", pk=panel.pk)


@require_POST
@login_required
def panel_toggle(request, pk):
    panel = panel_for_reviewer(request.user, pk)
    app = get_object_or_404(admitted_applications(panel.call, panel.kind),
                            pk=posted_id(request, "application"))
    expert = get_object_or_404(Expert, pk=posted_id(request, "expert"), memberships__panel=panel)
    if request.POST.get("op") == "remove":
        attempt(request, lambda: unassign(panel, application=app, expert=expert, by=request.user),
                f"已取消{expert.name}对{app.reference}的评审分配。")
    else:
        attempt(request, lambda: assign(panel, application=app, expert=expert, by=request.user),
                f"已分配{expert.name}评审{app.reference}。")
    return redirect("review:panel", pk=panel.pk)


@require_POST
@login_required
def panel_start(request, pk):
    panel = panel_for_reviewer(request.user, pk)
    attempt(request, lambda: start_scoring(panel, by=request.user), "已开始评分，专家已收到通知。")
    return redirect("review:panel", pk=panel.pk)


@login_required
def rubric(request, pk, kind):
    call = call_for_reviewer(request.user, pk)
    _kind(kind)
    current = current_rubric(call, kind)
    initial = [{"group": c.group, "name": c.name, "max_points": c.max_points,
                "weight": c.weight, "guidance": c.guidance}
               for c in (current.criteria.all() if current else [])]
    formset = CriterionFormSet(request.POST or None, initial=initial)
    if request.method == "POST" and formset.is_valid():
        rows = [f.cleaned_data for f in formset if f.cleaned_data.get("name")]
        if attempt(request, lambda: publish_rubric(call, kind, criteria=rows, by=request.user,
                                                   note=request.POST.get("note", "")[:200]),
                   "已发布新版评分细则；已开始评分的专家组仍使用其开始时的版本。"):
            return redirect("review:rubric", pk=call.pk, kind=kind)
    return render(request, "review/rubric.html", {
        "call": call, "kind": kind, "kind_label": ProjectKind(kind).label, "rubric": current,
        "formset": formset, "max_total": current.max_total() if current else None})
