"""Expert pages (tasks, score sheet) and the chair's pages (progress, reopen, close, results)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import OuterRef, Prefetch, Subquery, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.views import attempt
from declare.eligibility.conditions import evaluate
from declare.models import Section
from declare.selectors import with_specialities
from declare.services.materials import checklist_for_experts, materials_for_experts
from uploads import private_file_response

from ..aggregation import OUTLIER_RULE
from ..conflicts import conflict_map
from ..content import read_only_html
from ..forms import AcceptForm, ConflictForm
from ..models import Criterion, Expert, Panel, PanelStatus, Score
from ..results import compute, live_projects, progress, ranked_rows, ranking_rule, weight_of
from ..rules import can_review, can_run_panel, is_expert
from ..selectors import (
    access_assignment,
    admitted_applications,
    assignments_of_expert,
    panel_for_runner,
    panels_chaired_by,
    sheet_for_runner,
)
from ..services.experts import PLEDGE, accept_invitation, declare_conflict
from ..services.scoring import (
    ScoreErrors,
    close_panel,
    reopen_panel,
    reopen_sheet,
    save_sheet,
)
from ..sheet_html import findings_html, materials_html, score_rows_html


@login_required
def tasks(request):
    if not is_expert(request.user):
        raise Http404
    rows = list(assignments_of_expert(request.user))
    return render(request, "review/tasks.html", {
        "assignments": rows, "chaired": list(panels_chaired_by(request.user)),
        "pending": Expert.objects.filter(user=request.user, accepted_at__isnull=True).first()})


@login_required
def invitation(request):
    """The expert reads the 保密及回避承诺 and accepts the invitation by confirming it."""
    expert = Expert.objects.filter(user=request.user).select_related("pool").first()
    if expert is None or not is_expert(request.user):
        raise Http404
    form = AcceptForm(request.POST or None)
    if request.method == "POST" and attempt(
            request, lambda: accept_invitation(expert, by=request.user,
                                               confirmed=form.data.get("confirm") == "on"),
            "已接受邀请并确认保密及回避承诺。", form):
        return redirect("review:tasks")
    return render(request, "review/invitation.html", {"expert": expert, "pledge": PLEDGE,
                                                      "form": form})


def _criteria_rows(rubric, posted=None, errors=None):
    """The score rows: the posted values when a form is redisplayed, else the sheet's saved
    points (`saved`, read with the criteria by _read_once)."""
    rows = []
    for c in rubric.criteria.all():
        if posted is not None:
            value = posted.get(c.id, "")
        else:
            value = getattr(c, "saved", None)
            value = "" if value is None else value
        rows.append({"criterion": c, "value": value, "error": (errors or {}).get(c.id)})
    return rows


def _prefetched_sheet(assignment):
    try:
        return assignment.sheet  # selected with the assignment by assignments_of_expert
    except ObjectDoesNotExist:
        return None


# What the sheet's readers take of a section (the pre-check, the checklist, the read-only
# sections): never the pending inputs, the lock or the editor.
SECTION_COLUMNS = ("application_id", "key", "data", "complete")


def _read_once(assignment, sheet) -> None:
    """Sections, specialities with their occupations and criteria (each with this sheet's
    saved points: Score is unique per sheet and criterion) once, for every reader below (the
    sections, the pre-check findings, the checklist, the score rows and the maximum): three
    queries."""
    prefetch_related_objects([assignment.application], Prefetch(
        "sections", queryset=Section.objects.only(*SECTION_COLUMNS)))
    with_specialities(assignment.application)
    if assignment.panel.rubric_id:
        criteria = Criterion.objects.order_by("position")
        if sheet is not None:
            criteria = criteria.annotate(saved=Subquery(Score.objects.filter(
                sheet_id=sheet.pk, criterion=OuterRef("pk")).values("points")))
        prefetch_related_objects([assignment.panel.rubric], Prefetch("criteria", queryset=criteria))


@login_required
def sheet(request, pk):
    assignment = access_assignment(request.user, pk)
    panel = assignment.panel
    sheet_obj = _prefetched_sheet(assignment)
    _read_once(assignment, sheet_obj)
    posted, errors, comment_error = None, None, None
    comment = sheet_obj.comment if sheet_obj else ""
    if request.method == "POST":
        posted = {c.id: request.POST.get(f"c{c.id}", "").strip()
                  for c in panel.rubric.criteria.all()}
        comment = request.POST.get("comment", "")
        submit = request.POST.get("action") == "submit"
        try:
            save_sheet(assignment, by=request.user, points=posted, comment=comment, submit=submit)
        except ScoreErrors as exc:
            errors = exc.errors
        except DomainError as exc:
            comment_error = exc.message
        else:
            messages.success(request, "评分表已提交。" if submit else "草稿已保存。")
            return redirect("review:sheet", pk=assignment.pk)
    locked = bool(sheet_obj and sheet_obj.is_locked) or panel.status != PanelStatus.SCORING
    return render(request, "review/sheet.html", {
        "assignment": assignment, "panel": panel, "app": assignment.application,
        "sheet": sheet_obj, "rows_html": score_rows_html(
            _criteria_rows(panel.rubric, posted, errors), locked=locked),
        "comment": comment, "comment_error": comment_error, "has_errors": bool(errors),
        "locked": locked,
        "sections_html": read_only_html(assignment.application, viewer=request.user),
        "findings_html": findings_html(evaluate(assignment.application)),
        "materials_html": materials_html(checklist_for_experts(assignment.application),
                                         assignment.pk),
        "max_total": panel.rubric.max_total(),
    }, status=422 if errors or comment_error else 200)


@login_required
def sheet_material(request, pk, material_pk):
    """An uploaded 申报材料 of an application assigned to this expert (attachment only); the
    personal items (领办人身份证 …) are a 404 like another application's files."""
    assignment = access_assignment(request.user, pk)
    material = get_object_or_404(materials_for_experts(assignment.application), pk=material_pk)
    return private_file_response(material.file, material.title, request=request, obj=material)


@require_POST
@login_required
def declare_conflict_view(request, pk):
    assignment = access_assignment(request.user, pk)
    form = ConflictForm(request.POST)
    reason = form.data.get("reason", "")
    if attempt(request, lambda: declare_conflict(expert=assignment.expert,
                                                 application=assignment.application,
                                                 reason=reason, by=request.user),
               "已登记回避，该项目不再分配给您。请告知专家组组长另行安排。"):
        return redirect("review:tasks")
    return redirect("review:sheet", pk=pk)


@login_required
def panel_progress(request, pk):
    panel = panel_for_runner(request.user, pk)
    state = progress(panel)
    projects = live_projects(panel) if panel.status == PanelStatus.SCORING else []
    if projects and not can_review(request.user, panel.call):
        # a chair conflicted with a project sees neither its scores nor its comments
        apps = list(admitted_applications(panel.call, panel.kind))
        hidden = {a for a, _e in conflict_map([panel.chair], apps)}
        projects = [p for p in projects if p["app"].id not in hidden]
    return render(request, "review/progress.html", {
        "panel": panel, "call": panel.call, "state": state,
        "consistency": compute(panel)["consistency"] if panel.rubric_id else None,
        "projects": projects, "outlier_rule": OUTLIER_RULE,
        "flagged": sum(p["flagged"] for p in projects),
    })


@require_POST
@login_required
def panel_reopen(request, pk):
    panel = panel_for_runner(request.user, pk)
    reason = request.POST.get("reason", "")
    if attempt(request, lambda: reopen_panel(panel, by=request.user, reason=reason),
               "已重新开放评分；再次结束评分时将重新计算并固定结果。"):
        return redirect("review:progress", pk=panel.pk)
    return redirect("review:results", pk=panel.pk)


@require_POST
@login_required
def sheet_reopen(request, pk):
    sheet_obj = sheet_for_runner(request.user, pk)
    reason = request.POST.get("reason", "")
    attempt(request, lambda: reopen_sheet(sheet_obj, by=request.user, reason=reason),
            "评分表已退回该专家修改。")
    return redirect("review:progress", pk=sheet_obj.assignment.panel_id)


@require_POST
@login_required
def panel_close(request, pk):
    panel = panel_for_runner(request.user, pk)
    if attempt(request, lambda: close_panel(panel, by=request.user),
               "评分已结束，评审结果已固定。"):
        return redirect("review:results", pk=panel.pk)
    return redirect("review:progress", pk=panel.pk)


def _results_panel(user, pk) -> Panel:
    panel = get_object_or_404(Panel.objects.select_related("call__issuer", "result", "rubric"),
                              pk=pk, status=PanelStatus.CLOSED)
    if can_review(user, panel.call) or panel.members.filter(expert__user=user).exists():
        return panel
    raise Http404


@login_required
def results(request, pk):
    panel = _results_panel(request.user, pk)
    return render(request, "review/results.html", {
        "panel": panel, "call": panel.call, "result": panel.result,
        "ranked": ranked_rows(panel), "ranking_rule": ranking_rule(panel.call),
        "weighted": bool(weight_of(panel.call)),
        "is_reviewer": can_review(request.user, panel.call),
        "can_run": can_run_panel(request.user, panel)})
