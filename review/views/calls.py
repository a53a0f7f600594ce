"""Reviewer pages of a call: index, overview, receipt dashboard, statistics."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.views import attempt

from ..dashboard import receipt_rows, statistics
from ..exports import EXPORTS
from ..forms import ReasonsForm
from ..models import Filing, Panel
from ..rules import can_export
from ..selectors import call_for_reviewer, calls_reviewable_by, current_notice
from ..services.receipt import accept_package, return_package


@login_required
def index(request):
    calls = list(calls_reviewable_by(request.user))
    if not calls:
        raise Http404
    return render(request, "review/index.html", {"calls": calls})


@login_required
def overview(request, pk):
    call = call_for_reviewer(request.user, pk)
    panels = {p.kind: p for p in Panel.objects.filter(call=call).select_related("chair")}
    return render(request, "review/overview.html", {
        "call": call, "kinds": [(k, panels.get(k)) for k in call.kinds],
        "notice": current_notice(call),
        "filing": Filing.objects.filter(call=call).first(),
    })


@login_required
def receipt(request, pk):
    call = call_for_reviewer(request.user, pk)
    return render(request, "review/receipt.html", {"call": call, "rows": receipt_rows(call)})


def _recommender(call, rec_pk):
    return get_object_or_404(call.recommenders.all(), pk=rec_pk)


@require_POST
@login_required
def receipt_accept(request, pk, rec_pk):
    call = call_for_reviewer(request.user, pk)
    rec = _recommender(call, rec_pk)
    attempt(request, lambda: accept_package(call, rec, by=request.user),
            f"已受理{rec.label}报送的项目。")
    return redirect("review:receipt", pk=call.pk)


@require_POST
@login_required
def receipt_return(request, pk, rec_pk):
    call = call_for_reviewer(request.user, pk)
    rec = _recommender(call, rec_pk)
    form = ReasonsForm(request.POST)
    reasons = form.data.get("reasons", "")
    attempt(request, lambda: return_package(call, rec, by=request.user, reasons=reasons),
            f"已将{rec.label}的推荐材料退回。")
    return redirect("review:receipt", pk=call.pk)


@login_required
def stats(request, pk):
    call = call_for_reviewer(request.user, pk)
    exports = list(EXPORTS.values()) if can_export(request.user, call) else []
    return render(request, "review/stats.html", {"call": call, "exports": exports,
                                                 **statistics(call)})
