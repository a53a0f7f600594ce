"""备案: ask for the package, watch it being built (htmx polling), download it when done."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from audit.models import AuditAction
from core.errors import DomainError
from orgs.stepup import step_up_required
from uploads import private_file_response

from ..filing_queue import QUEUE_DOWN, is_waiting_for_broker, resend_if_waiting
from ..models import Filing
from ..selectors import call_for_reviewer, current_notice
from ..services.filing import fail_if_lost, file_call


def _state(call) -> dict:
    filing = resend_if_waiting(fail_if_lost(Filing.objects.filter(call=call).first()))
    return {"call": call, "filing": filing, "waiting": is_waiting_for_broker(filing),
            "notice": current_notice(call)}


@login_required
@require_http_methods(["GET", "POST"])
@step_up_required
def filing(request, pk):
    call = call_for_reviewer(request.user, pk)
    if request.method == "POST":
        try:
            record = file_call(call, by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            if is_waiting_for_broker(record):
                messages.warning(request, QUEUE_DOWN)
            else:
                messages.success(request, "已开始生成备案材料包，生成完成后申报批次即标记为已备案。")
        return redirect("review:filing", pk=call.pk)
    return render(request, "review/filing.html", _state(call))


@login_required
@require_GET
def filing_progress(request, pk):
    """The fragment htmx polls every second while the package is being built."""
    call = call_for_reviewer(request.user, pk)
    return render(request, "review/_filing_state.html", _state(call))


@login_required
@require_GET
@step_up_required
def filing_download(request, pk):
    call = call_for_reviewer(request.user, pk)
    record = Filing.objects.filter(call=call).first()
    if record is None or not record.is_done or not record.archive:
        raise Http404("备案材料包尚未生成。")
    return private_file_response(record.archive, f"{call.year}年度复审备案材料.zip",
                                 request=request, obj=record, action=AuditAction.EXPORT)
