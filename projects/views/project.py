from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from calls.choices import ProjectKind
from core.errors import DomainError
from core.views import attempt_in_form, show_error
from documents.models import RenderKind
from documents.producers import plaque_fingerprint
from documents.selectors import live_job
from documents.services import request_plaque
from documents.views import cached_or_job_page, job_page
from orgs.stepup import step_up_required

from .. import selectors
from ..acceptance import acceptance_problems
from ..budget import spent_by_purpose, spent_vs_budget
from ..choices import ChangeKind, ProjectStatus
from ..forms import AcceptanceForm, ApplyAcceptanceForm, ReleaseForm, RevokeForm
from ..plaque import plaque_context
from ..services import apply_for_acceptance, decide_acceptance, record_release, revoke_project
from .common import form_page, form_status
from .permissions import allowed, permissions


@login_required
def detail(request, pk):
    project = selectors.access_project(request.user, pk)
    milestones = project.milestones.prefetch_related("reports")
    change_kinds = [k for k in ChangeKind
                    if k != ChangeKind.LEADER or project.kind == ProjectKind.STUDIO]
    return render(request, "projects/detail.html", {
        "project": project, "can": permissions(request.user, project),
        "milestones": milestones, "budget": spent_vs_budget(project),
        "by_purpose": spent_by_purpose(project),
        "evaluations": project.evaluations.select_related("recorded_by"),
        "acceptances": project.acceptances.all(),
        "changes": project.changes.select_related("requested_by"),
        "change_kinds": change_kinds,
        "recoveries": project.recoveries.all(),
        "events": project.events.select_related("actor"),
        "reminders": project.reminders.all()[:5],
    })


@login_required
@require_http_methods(["GET", "POST"])
def release(request, pk):
    project = selectors.access_project(request.user, pk)
    allowed(request.user, project, "release")
    form = ReleaseForm(request.POST or None, initial={"source": project.source},
                       level=project.call.level)
    if request.method == "POST" and form.is_valid() and attempt_in_form(form, lambda: record_release(
            project, by=request.user, **form.cleaned_data)):
        messages.success(request, "已登记资金下达，建设期已计算。")
        return redirect("projects:detail", pk=pk)
    return form_page(request, project=project, form=form, title="登记资金下达", submit="保存",
                     note="建设期自资金下达之日起计算：培训基地两年，工作室一年"
                          f"（{project.call.wording.post_award('六')}）。",
                     status=form_status(request, form))


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, pk):
    project = selectors.access_project(request.user, pk)
    allowed(request.user, project, "apply")
    form = ApplyAcceptanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and attempt_in_form(form, lambda: apply_for_acceptance(
            project, by=request.user, comment=form.cleaned_data["comment"])):
        messages.success(request, "已提交验收申请。")
        return redirect("projects:detail", pk=pk)
    problems = acceptance_problems(project, today=timezone.localdate())
    return form_page(request, project=project, form=form, title="申请验收", submit="提交验收申请",
                     note="".join(problems), status=form_status(request, form))


@login_required
@require_http_methods(["GET", "POST"])
@step_up_required
def decide(request, pk):
    project = selectors.access_project(request.user, pk)
    allowed(request.user, project, "decide")
    form = AcceptanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = attempt_in_form(form, lambda: decide_acceptance(project, by=request.user,
                                                        **form.cleaned_data))
        if done:
            messages.success(request, "验收合格，已向社会公布并颁发牌匾。"
                             if done.status == ProjectStatus.ACCEPTED else "已通知限期整改。")
            return redirect("projects:detail", pk=pk)
    return form_page(request, project=project, form=form, title="验收", submit="保存验收结论",
                     status=form_status(request, form))


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request, pk):
    project = selectors.access_project(request.user, pk)
    allowed(request.user, project, "revoke")
    form = RevokeForm(request.POST or None, initial={"recovered_amount": project.amount})
    if request.method == "POST" and form.is_valid() and attempt_in_form(form, lambda: revoke_project(
            project, by=request.user, **form.cleaned_data)):
        messages.success(request, "已撤销称号，登记追回资金，并将该单位列入禁止申报名单。")
        return redirect("projects:detail", pk=pk)
    return form_page(request, project=project, form=form, title="撤销称号", submit="撤销",
                     danger=True, status=form_status(request, form),
                     note="对未按照规定开展高技能人才培训工作以及弄虚作假的，经查明属实，撤销其称号，"
                          f"追回项目建设资金（{project.call.wording.post_award('七(二)')}）；"
                          f"{project.call.threshold('fraud_ban_years')}年内不得申报"
                          f"（{project.call.wording.cite('fraud')}）。")


@login_required
@require_http_methods(["GET", "POST"])
def plaque(request, pk):
    """POST asks the render job for the plaque (cached by content, rate-limited) and shows its
    page; GET serves the rendered file or the job's page, and never renders."""
    project = selectors.access_plaque(request.user, pk)
    context = plaque_context(project)
    if request.method == "POST":
        try:
            job = request_plaque(project=project, context=context, by=request.user)
        except DomainError as exc:
            show_error(request, exc)
            return redirect("projects:detail", pk=pk)
        return job_page(request, job)
    job = live_job(RenderKind.PLAQUE, plaque_fingerprint(context))
    if job is None:
        messages.info(request, "牌匾证书尚未生成，请点击“下载牌匾证书（PDF）”生成。")
        return redirect("projects:detail", pk=pk)
    return cached_or_job_page(request, job)
