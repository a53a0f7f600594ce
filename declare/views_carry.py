"""复制上年申报 pages (issue 17 §6): the confirmation of what is copied, cleared and flagged,
and the re-use of last year's materials, file by file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from calls.selectors import calls_for_applicant
from core.errors import DomainError
from core.views import show_error

from .eligibility.carry import carry_source_problem
from .selectors import access_application
from .services.carry import carry_forward, mark_checked, open_flags, plan_for, target_calls
from .services.materials import reusable_materials, reuse_materials

NO_CALL = "当前没有可以复制到的申报批次（须为贵单位推荐单位参加、正在申报的以后年度批次）。"


def _chosen(calls, value):
    return next((c for c in calls if str(c.pk) == str(value)), calls[0] if calls else None)


def _problem(source, today) -> str:
    open_calls = [c for c in calls_for_applicant(source.unit) if c.is_open]
    problems = [carry_source_problem(source, c, today=today) for c in open_calls]
    return next((p for p in problems if p), NO_CALL)


@login_required
@require_http_methods(["GET", "POST"])
def carry_confirm(request, pk):
    source = access_application(request.user, pk, for_write=True)
    today = timezone.localdate()
    calls = target_calls(source, today=today)
    call = _chosen(calls, request.POST.get("call") or request.GET.get("call"))
    if request.method == "POST" and call is not None:
        try:
            done = carry_forward(source=source, call=call, by=request.user, today=today)
        except DomainError as exc:
            show_error(request, exc)
        else:
            new = done.record.application
            messages.success(request, f"已从 {source.reference} 复制，"
                                      f"{sum(map(len, open_flags(new, done.record).values()))} 项请核对。")
            return redirect("declare:overview", pk=new.pk)
    elif request.method == "POST":
        messages.error(request, _problem(source, today))
    return render(request, "declare/carry_confirm.html", {
        "source": source, "calls": calls, "call": call,
        "plan": plan_for(source, call) if call is not None else None,
        "problem": "" if call is not None else _problem(source, today)})


@login_required
@require_http_methods(["GET", "POST"])
def carry_materials(request, pk):
    app = access_application(request.user, pk, for_write=True)
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("material") if v.isdigit()]
        try:
            added = reuse_materials(app, material_ids=ids, by=request.user)
        except DomainError as exc:
            show_error(request, exc)
        else:
            messages.success(request, f"已复用 {len(added)} 个文件：{'、'.join(m.title for m in added)}")
            return redirect("declare:materials", pk=app.pk)
    return render(request, "declare/carry_materials.html", {
        "application": app, "rows": reusable_materials(app)})


@login_required
@require_POST
def carry_checked(request, pk, key):
    app = access_application(request.user, pk, for_write=True)
    try:
        mark_checked(application=app, key=key, by=request.user)
    except DomainError as exc:
        show_error(request, exc)
    else:
        messages.success(request, "已确认核对本栏目。")
    return redirect("declare:section", pk=app.pk, key=key)
