"""The region's side: who has submitted, who registered a contact, reopen and extend."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.views import show_error

from . import rules, selectors, services
from .annex2 import annex2_tables
from .forms import ContactDecisionForm, ExtensionForm, ReopenForm
from .views_report import scan_response


@login_required
def region_index(request):
    calls = list(selectors.calls_for_region(request.user))
    if not calls:
        raise Http404
    if len(calls) == 1:
        return redirect("quotas:region", calls[0].pk)
    return render(request, "quotas/region_index.html", {"calls": calls})


@login_required
def region_overview(request, call):
    obj = selectors.access_call_for_region(request.user, call)
    return render(request, "quotas/region_overview.html", {
        "call": obj, "rows": selectors.region_overview(obj), "tab": "overview"})


@login_required
def region_contacts(request, call):
    obj = selectors.access_call_for_region(request.user, call)
    rows = selectors.region_overview(obj)
    return render(request, "quotas/region_contacts.html", {
        "call": obj, "rows": rows, "tab": "contacts",
        "can_act": rules.can_oversee(request.user, obj),
        "change_requests": selectors.contact_requests_of_call(obj),
        "missing": sum(1 for r in rows if r["contact"] is None),
        "overdue": bool(obj.contact_due) and timezone.localdate() > obj.contact_due})


def _region_package_page(request, package, reopen_form=None, extension_form=None, status=200):
    report = selectors.report_of(package)
    return render(request, "quotas/region_package.html", {
        "package": package, "call": package.call, "recommender": package.recommender,
        "usage": selectors.quota_usage(package), "report": report,
        "report_problems": rules.report_problems(report, package.call),
        "contact": selectors.contact_of(package.call, package.recommender),
        "tables": annex2_tables(package),
        "events": selectors.package_timeline(package),
        "reopen_form": reopen_form or ReopenForm(),
        "extension_form": extension_form or ExtensionForm(),
        "can_act": rules.can_oversee(request.user, package.call),
    }, status=status)


@login_required
def region_package(request, call, rec):
    package = selectors.access_region_package(request.user, call, rec)
    return _region_package_page(request, package)


@login_required
@require_POST
def reopen_view(request, call, rec):
    package = selectors.access_region_package(request.user, call, rec, act=True)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        return _region_package_page(request, package, reopen_form=form, status=400)
    try:
        services.reopen_package(package, by=request.user, reason=form.cleaned_data["reason"])
    except DomainError as exc:
        show_error(request, exc)
    else:
        messages.success(request, f"已将 {package.recommender.label} 的推荐材料退回重报。")
    return redirect("quotas:region_package", call, rec)


@login_required
@require_POST
def extend_view(request, call, rec):
    package = selectors.access_region_package(request.user, call, rec, act=True)
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        return _region_package_page(request, package, extension_form=form, status=400)
    try:
        services.grant_extension(package, by=request.user, **form.cleaned_data)
    except DomainError as exc:
        form.add_error("until", exc.message)
        return _region_package_page(request, package, extension_form=form, status=400)
    messages.success(request, f"已为 {package.recommender.label} 延长报送截止时间。")
    return redirect("quotas:region_package", call, rec)


@login_required
@require_POST
def contact_decide(request, call, rec, pk):
    """同意 / 不同意 a recommender's request to change its 联系人 after the package is locked."""
    package = selectors.access_region_package(request.user, call, rec, act=True)
    change = selectors.contact_request_of(package, pk)
    form = ContactDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择同意或不同意。")
        return redirect("quotas:region_contacts", call)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.decide_contact_change(change, by=request.user, approve=approve,
                                       note=form.cleaned_data["note"])
    except DomainError as exc:
        show_error(request, exc)
    else:
        messages.success(request, f"已{'同意' if approve else '不同意'} {package.recommender.label} "
                                  "的联系人变更申请。")
    return redirect("quotas:region_contacts", call)


@login_required
def region_scan(request, call, rec, scan):
    package = selectors.access_region_package(request.user, call, rec)
    return scan_response(request, selectors.scan_of(package, scan))
