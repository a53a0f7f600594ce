from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from calls.wording import budget_sources
from core.views import attempt_in_form
from uploads import private_file_response

from .. import selectors
from ..budget import spent_by_purpose, spent_vs_budget
from ..choices import PURPOSE_CITATION
from ..forms import EvaluationForm, ProgressForm, SpendingForm
from ..services import record_evaluation, record_spending, report_progress
from .common import form_page, form_status
from .permissions import allowed, permissions


@login_required
@require_http_methods(["GET", "POST"])
def spending(request, pk):
    """The project's spending ledger; the unit adds records here (专款专用，单独建账)."""
    project = selectors.access_project(request.user, pk)
    form = SpendingForm(request.POST or None, kind=project.kind,
                        level=project.call.level)
    if request.method == "POST":
        allowed(request.user, project, "report")
        if form.is_valid() and attempt_in_form(form, lambda: record_spending(
                project, by=request.user, **form.cleaned_data)):
            messages.success(request, "支出已登记。")
            return redirect("projects:spending", pk=pk)
    names = dict(budget_sources(project.call.level))   # 资金来源 as the call's level names it
    return render(request, "projects/spending.html", {
        "project": project, "form": form, "citation": PURPOSE_CITATION[project.kind],
        "spendings": [(s, names.get(s.source, s.source))
                      for s in project.spendings.select_related("recorded_by")],
        "budget": spent_vs_budget(project), "by_purpose": spent_by_purpose(project),
        "can_record": project.released_on is not None and permissions(request.user, project)["report"],
    }, status=form_status(request, form))


@login_required
@require_http_methods(["GET", "POST"])
def report(request, pk, mid):
    milestone = selectors.access_milestone(request.user, pk, mid)
    project = milestone.project
    allowed(request.user, project, "report")
    form = ProgressForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and attempt_in_form(form, lambda: report_progress(
            milestone, by=request.user, **form.cleaned_data)):
        messages.success(request, "建设进展已报告。")
        return redirect("projects:detail", pk=pk)
    return form_page(request, project=project, form=form, submit="提交",
                     title=f"报告建设进展：{milestone}", note=milestone.point,
                     status=form_status(request, form))


@login_required
def evidence(request, pk, rid):
    report = selectors.access_report(request.user, pk, rid)
    if not report.evidence:
        raise Http404
    return private_file_response(report.evidence, report.evidence_name, request=request,
                                 obj=report)


@login_required
@require_http_methods(["GET", "POST"])
def evaluate(request, pk):
    project = selectors.access_project(request.user, pk)
    allowed(request.user, project, "evaluate")
    form = EvaluationForm(request.POST or None, years=project.construction_years)
    if request.method == "POST" and form.is_valid() and attempt_in_form(form, lambda: record_evaluation(
            project, by=request.user, **form.cleaned_data)):
        messages.success(request, "检查评估结果已记录。")
        return redirect("projects:detail", pk=pk)
    return form_page(request, project=project, form=form, title="检查评估", submit="保存",
                     note="定期检查建设情况，并按照项目产出要求分阶段评估（鄂人社发〔2022〕100号 七(二)）。",
                     status=form_status(request, form))
