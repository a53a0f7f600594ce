"""Defence, decision, 公示 with objections (备案: views/filing.py)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from calls.choices import ProjectKind
from core.errors import DomainError
from core.pii import decrypt
from core.views import attempt, show_error
from documents.services import request_notice
from documents.views import job_page
from orgs.stepup import step_up_required

from ..forms import (
    DecisionForm,
    DefenceForm,
    DefenceRecordForm,
    NoticeForm,
    ObjectionForm,
    ResolveForm,
    WithdrawForm,
)
from ..models import DefenceSlot, NoticeStatus, Objection, Panel, PanelStatus, PublicNotice
from ..notice_print import notice_context
from ..results import ranked_rows, ranking_rule, weight_of
from ..selectors import admitted_applications, call_for_reviewer, panel_for_runner
from ..services.decision import decide, reconsider, reconsiderations
from ..services.defence import record_defence, schedule_defence
from ..services.notice import (
    confirm_list,
    current_notice,
    draft_notice,
    publish_notice,
    record_objection,
    resolve_objection,
    withdraw_notice,
    withdrawn_notices,
)
from ._common import posted_id


@login_required
def defence(request, pk):
    panel = panel_for_runner(request.user, pk)
    apps = list(admitted_applications(panel.call, panel.kind))
    slots = {s.application_id: s for s in DefenceSlot.objects.filter(panel=panel)}
    rows = [{"app": a, "slot": slots.get(a.id), "form": DefenceForm(prefix=f"a{a.id}"),
             "record": DefenceRecordForm(prefix=f"r{a.id}", initial={
                 "attendance": slots[a.id].attendance, "attendees": slots[a.id].attendees,
                 "notes": slots[a.id].notes, "score": slots[a.id].score or ""}
                 if a.id in slots else None)} for a in apps]
    if request.method == "POST":
        app = get_object_or_404(admitted_applications(panel.call, panel.kind),
                                pk=posted_id(request, "application"))
        row = next(r for r in rows if r["app"].id == app.id)
        if request.POST.get("op") == "record" and row["slot"]:
            form = row["record"] = DefenceRecordForm(request.POST, prefix=f"r{app.id}")
            if form.is_valid() and attempt(request, lambda: record_defence(
                    row["slot"], by=request.user, **form.cleaned_data), "答辩情况已记录。", form):
                return redirect("review:defence", pk=panel.pk)
        else:
            form = row["form"] = DefenceForm(request.POST, prefix=f"a{app.id}")
            if form.is_valid() and attempt(request, lambda: schedule_defence(
                    panel, application=app, by=request.user, **form.cleaned_data),
                    f"已安排{app.reference}的网络答辩。", form):
                return redirect("review:defence", pk=panel.pk)
    return render(request, "review/defence.html", {"panel": panel, "call": panel.call,
                                                   "rows": rows})


@login_required
@step_up_required
def decision(request, pk, kind):
    """The draft decision (the reviewer's office only) until the 公示 releases it; then 复议."""
    call = call_for_reviewer(request.user, pk)
    if kind not in ProjectKind.values:
        raise Http404
    panel = Panel.objects.filter(call=call, kind=kind).select_related("result").first()
    closed = panel is not None and panel.status == PanelStatus.CLOSED
    rows = ranked_rows(panel) if closed else []
    current = call.review_decisions.filter(kind=kind).first()
    notice = current_notice(call)
    released = current is not None and current.is_released
    confirmed = notice is not None and notice.status == NoticeStatus.CONFIRMED
    if current:
        initial = {"expert_opinion": current.expert_opinion, "hr_opinion": current.hr_opinion,
                   "finance_opinion": current.finance_opinion,
                   "departure_reason": current.departure_reason,
                   "selected": list(current.items.filter(selected=True)
                                    .values_list("application_id", flat=True))}
    else:
        initial = {"selected": [r["application_id"] for r in rows[:call.indicator(kind)]]}
    form = DecisionForm(request.POST or None, initial=initial, choices=[
        (r["application_id"], r["reference"]) for r in rows])
    if request.method == "POST" and not confirmed and form.is_valid():
        d = form.cleaned_data
        if released:
            corrected = notice is not None and notice.status == NoticeStatus.PUBLISHED
            done = attempt(request, lambda: reconsider(
                call, kind, by=request.user, selected_ids=d["selected"], reason=d["reason"],
                departure_reason=d["departure_reason"]), "复议已记录，结果有变化的申报单位已收到通知。"
                + ("公示名单已更正，公示期自更正之日起重新计算。" if corrected else ""), form)
        else:
            done = attempt(request, lambda: decide(
                call, kind, by=request.user, selected_ids=d["selected"],
                expert_opinion=d["expert_opinion"], hr_opinion=d["hr_opinion"],
                finance_opinion=d["finance_opinion"], departure_reason=d["departure_reason"]),
                "复审决定已保存为草稿（仅本厅可见），将随公示发布并通知申报单位。", form)
        if done:
            return redirect("review:decision", pk=call.pk, kind=kind)
    return render(request, "review/decision.html", {
        "call": call, "kind": kind, "kind_label": ProjectKind(kind).label, "panel": panel,
        "closed": closed, "rows": rows, "form": form, "indicator": call.indicator(kind),
        "decision": current, "released": released, "confirmed": confirmed,
        "history": reconsiderations(call, kind), "ranking_rule": ranking_rule(call),
        "weighted": bool(weight_of(call))})


def _notice_context(call, notice, **forms):
    objections = list(notice.objections.select_related("application") if notice else [])
    for o in objections:
        o.contact = decrypt(o.contact_encrypted)
    return {"call": call, "notice": notice, "objections": objections,
            "open_count": sum(o.status == "open" for o in objections),
            "resolve_form": ResolveForm(), "withdrawn": withdrawn_notices(call),
            "withdraw_form": forms.pop("withdraw_form", None) or WithdrawForm(), **forms}


def _current_or_404(call) -> PublicNotice:
    notice = current_notice(call)
    if notice is None:
        raise Http404
    return notice


@login_required
@step_up_required
def notice(request, pk):
    call = call_for_reviewer(request.user, pk)
    current = current_notice(call)
    minimum = call.threshold("notice_min_working_days")
    last = PublicNotice.objects.filter(call=call).first()   # a withdrawn one: its contact
    form = NoticeForm(request.POST or None, initial={
        "working_days": minimum, "contact": last.contact if last else ""})
    preview = None
    if request.method == "POST" and current is None and form.is_valid():
        d = form.cleaned_data
        if request.POST.get("op") == "preview":
            try:
                preview = draft_notice(call, by=request.user, **d)
            except DomainError as exc:
                show_error(request, exc, form)
        elif attempt(request, lambda: publish_notice(call, by=request.user, **d), "公示已发布。",
                     form):
            return redirect("review:notice", pk=call.pk)
    objection_form = ObjectionForm(applications=_listed(call))
    return render(request, "review/notice.html", _notice_context(
        call, current, form=form, objection_form=objection_form, preview=preview,
        minimum=minimum))


def _listed(call):
    return admitted_applications(call).filter(decision_item__selected=True)


@require_POST
@login_required
def objection_add(request, pk):
    call = call_for_reviewer(request.user, pk)
    current = _current_or_404(call)
    form = ObjectionForm(request.POST, applications=_listed(call))
    if form.is_valid() and attempt(request, lambda: record_objection(
            current, by=request.user, **form.cleaned_data), "异议已登记。", form):
        return redirect("review:notice", pk=call.pk)
    return render(request, "review/notice.html", _notice_context(
        call, current, form=None, objection_form=form), status=422)


@require_POST
@login_required
def objection_resolve(request, pk, objection_pk):
    call = call_for_reviewer(request.user, pk)
    objection = get_object_or_404(Objection, pk=objection_pk, notice__call=call)
    form = ResolveForm(request.POST)
    outcome, handling = form.data.get("outcome", ""), form.data.get("handling", "")
    attempt(request, lambda: resolve_objection(objection, by=request.user, outcome=outcome,
                                               handling=handling), "异议已办结。")
    return redirect("review:notice", pk=call.pk)


@require_POST
@login_required
@step_up_required
def notice_confirm(request, pk):
    call = call_for_reviewer(request.user, pk)
    current = _current_or_404(call)
    attempt(request, lambda: confirm_list(current, by=request.user), "推荐名单已确认。")
    return redirect("review:notice", pk=call.pk)


@require_POST
@login_required
@step_up_required
def notice_withdraw(request, pk):
    """撤回公示 in two steps: the reason typed (op=check) is shown back for confirmation; only
    the confirmed post (op=confirm) withdraws. Bad input: the page again with the message."""
    call = call_for_reviewer(request.user, pk)
    current = _current_or_404(call)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        if request.POST.get("op") == "confirm":
            if attempt(request, lambda: withdraw_notice(
                    current, by=request.user, reason=form.cleaned_data["reason"]),
                    "公示已撤回，公众页面显示为“已撤回”及撤回理由。请核对后发布更正后的公示。", form):
                return redirect("review:notice", pk=call.pk)
        else:
            return render(request, "review/notice.html", _notice_context(
                call, current, form=None, objection_form=ObjectionForm(applications=_listed(call)),
                withdraw_form=form, confirm_withdraw=True))
    return render(request, "review/notice.html", _notice_context(
        call, current, form=None, objection_form=ObjectionForm(applications=_listed(call)),
        withdraw_form=form, withdraw_open=True), status=422)


@require_POST
@login_required
def notice_pdf(request, pk):
    """打印公示: the current 公示 as published, a PDF with a verification code on every page (a
    render job, cached by content), for the notice board and the file."""
    call = call_for_reviewer(request.user, pk)
    current = _current_or_404(call)
    try:
        job = request_notice(notice=current, context=notice_context(current), by=request.user)
    except DomainError as exc:
        show_error(request, exc)
        return redirect("review:notice", pk=call.pk)
    return job_page(request, job)
