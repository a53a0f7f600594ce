"""Pre-check, submit, withdraw, timeline and submitted versions of one application."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit.models import AuditAction
from audit.services import log_event
from core.errors import DomainError

from . import rules
from .eligibility.conditions import evaluate
from .eligibility.outcomes import EXPLAIN
from .reading import render_sections, unmasked_fields
from .selectors import access_application
from .services.snapshots import snapshots_of, verify
from .services.workflow import (
    MAX_TEXT,
    flagged_sections,
    latest_return,
    save_explanation,
    save_unchanged_reason,
    submission_items,
    submit_application,
    withdraw_application,
)


class TextForm(forms.Form):
    text = forms.CharField(max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages={"required": "请填写内容。",
                                           "max_length": f"不能超过 {MAX_TEXT} 字。"})


@login_required
def precheck(request, pk):
    app = access_application(request.user, pk)
    findings = evaluate(app)
    editable = rules.can_edit(request.user, app)
    given = app.explanations or {}
    rows = [{"f": f, "form": TextForm(initial={"text": f.explanation}, prefix=f.rule_id)
             if editable and f.outcome == EXPLAIN and f.explained_by == "unit"
             and (f.rule_id in given or not f.explanation)
             else None} for f in findings]
    return render(request, "declare/workflow_precheck.html", {
        "application": app, "rows": rows, "can_edit": editable,
        "counts": {o: sum(1 for f in findings if f.outcome == o) for o in ("pass", "fail",
                                                                           "explain")}})


@login_required
@require_POST
def explain(request, pk, rule_id):
    app = access_application(request.user, pk, for_write=True)
    form = TextForm(request.POST, prefix=rule_id)
    if not form.is_valid():
        messages.error(request, "情况说明：" + "；".join(form.errors["text"]))
        return redirect("declare:precheck", app.pk)
    try:
        save_explanation(app, by=request.user, rule_id=rule_id, text=form.cleaned_data["text"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "情况说明已保存。")
    return redirect("declare:precheck", app.pk)


@login_required
def submit(request, pk):
    app = access_application(request.user, pk, for_write=True)
    if request.method == "POST":
        try:
            submit_application(app, by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("declare:submit", app.pk)
        messages.success(request, f"申报已提交推荐单位（提交版本 {app.reference}-v"
                                  f"{app.submitted_version}），申报内容已锁定。请点击“打印/下载申报表”"
                                  "生成提交版本的申报表，打印一式六份，签字盖章后报送推荐单位。")
        return redirect("declare:overview", app.pk)
    may = rules.can_submit(request.user, app)
    flagged = flagged_sections(app) if may else []
    for f in flagged:
        f["form"] = TextForm(initial={"text": f["reason"]}, prefix=f["key"])
    return render(request, "declare/workflow_submit.html", {
        "application": app, "can_submit": may, "now": timezone.now(),
        "problems": submission_items(app) if may else [],
        "returned": latest_return(app) if flagged else None, "flagged": flagged})


@login_required
@require_POST
def unchanged_reason(request, pk, key):
    """说明未修改原因 for one section the return names (an empty text takes it back)."""
    app = access_application(request.user, pk, for_write=True)
    text = request.POST.get(f"{key}-text", "")
    try:
        save_unchanged_reason(app, by=request.user, section=key, text=text)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "未修改原因已保存。" if text.strip() else "未修改原因已撤回。")
    return redirect(reverse("declare:submit", args=[app.pk]) + f"#flagged-{key}")


@login_required
def withdraw(request, pk):
    app = access_application(request.user, pk, for_write=True)
    form = TextForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            withdraw_application(app, by=request.user, reason=form.cleaned_data["text"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "申报已撤回，恢复为草稿，可修改后重新提交。")
        return redirect("declare:overview", app.pk)
    return render(request, "declare/workflow_withdraw.html", {
        "application": app, "form": form, "can_withdraw": rules.can_withdraw(request.user, app)})


@login_required
def timeline(request, pk):
    app = access_application(request.user, pk)
    events = app.events.select_related("actor", "actor_org").order_by("created_at", "id")
    return render(request, "declare/workflow_timeline.html",
                  {"application": app, "events": events})


@login_required
def versions(request, pk):
    app = access_application(request.user, pk)
    return render(request, "declare/workflow_versions.html",
                  {"application": app, "snapshots": snapshots_of(app)})


@login_required
def version(request, pk, number):
    app = access_application(request.user, pk)
    snapshot = get_object_or_404(snapshots_of(app), version=number)
    sections = render_sections(snapshot, viewer=request.user)
    if shown := unmasked_fields(sections):
        log_event(snapshot, request.user, AuditAction.VIEW_PII, request=request, fields=shown)
    return render(request, "declare/workflow_version.html", {
        "application": app, "snapshot": snapshot, "intact": verify(snapshot),
        "sections": sections})
