"""推荐报告 (structured form, expert group, sealed scans) and the contact person."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.views import show_error
from documents.services import request_report
from documents.views import job_page
from uploads import private_file_response

from . import rules, selectors, services
from .forms import (
    ContactChangeForm,
    ContactForm,
    ExpertFormSet,
    ReportForm,
    ReportScanForm,
    ScanForm,
)
from .models import ChangeStatus
from .report_print import report_context
from .views import package_context


def _expert_initial(report, call) -> list[dict]:
    rows = [{"name": e.name, "unit": e.unit, "title": e.title}
            for e in (report.experts.all() if report else [])]
    spare = max(call.threshold("panel_min_experts") - len(rows), 2)
    return rows + [{}] * spare


def _report_page(request, package, form=None, experts=None, scan_form=None, status=200,
                 keep_form=False):
    """keep_form: a refused save shows the typed text in the form, even when the package is
    no longer open (the reader copies it; nothing typed is thrown away)."""
    report = selectors.report_of(package)
    return render(request, "quotas/report.html", {
        **package_context(package, "report"), "report": report,
        "form": form or ReportForm(instance=report),
        "experts": experts or ExpertFormSet(initial=_expert_initial(report, package.call),
                                            prefix="experts"),
        "scan_form": scan_form or ReportScanForm(),
        "keep_form": keep_form,
        "problems": rules.report_problems(report, package.call),
        "min_experts": package.call.threshold("panel_min_experts"),
    }, status=status)


@login_required
def report_page(request, rec, call):
    """The 推荐报告's text, expert group and a scan in ONE form: a refused save (a validation
    error, a locked package, the deadline passed) re-shows everything typed, with the reason."""
    package = selectors.access_package(request.user, rec, call)
    if request.method != "POST":
        return _report_page(request, package)
    form = ReportForm(request.POST, instance=selectors.report_of(package))
    experts = ExpertFormSet(request.POST, prefix="experts")
    scan_form = ReportScanForm(request.POST, request.FILES)
    if not (form.is_valid() and experts.is_valid() and scan_form.is_valid()):
        messages.error(request, "推荐报告未保存：请按提示修改后重新保存。")
        return _report_page(request, package, form=form, experts=experts, scan_form=scan_form,
                            status=400)
    upload = scan_form.cleaned_data.get("file")
    try:
        with transaction.atomic():
            services.save_report(package, by=request.user, data=form.cleaned_data,
                                 experts=[f.cleaned_data for f in experts.forms])
            scan = (services.add_scan(package, by=request.user,
                                      kind=scan_form.cleaned_data["kind"], upload=upload)
                    if upload else None)
    except DomainError as exc:
        show_error(request, exc)
        messages.error(request, "推荐报告未保存，已填写的内容保留在下方，请处理后重新保存。")
        return _report_page(request, package, form=form, experts=experts, scan_form=scan_form,
                            status=400, keep_form=True)
    messages.success(request, "推荐报告已保存。" + (
        f"已上传：{scan.get_kind_display()}（{scan.title}）。" if scan else ""))
    return redirect("quotas:report", rec, call)


@login_required
@require_POST
def report_pdf(request, rec, call):
    """打印推荐报告: the PDF of the report as saved, with signature and seal lines (a render job,
    cached by content); the recommender signs, seals, scans and uploads it."""
    package = selectors.access_package(request.user, rec, call)
    try:
        job = request_report(package=package, context=report_context(package), by=request.user)
    except DomainError as exc:
        show_error(request, exc)
        return redirect("quotas:report", rec, call)
    return job_page(request, job)


@login_required
@require_POST
def scan_upload(request, rec, call):
    package = selectors.access_package(request.user, rec, call)
    form = ScanForm(request.POST, request.FILES)
    if not form.is_valid():
        return _report_page(request, package, scan_form=form, status=400)
    try:
        scan = services.add_scan(package, by=request.user, kind=form.cleaned_data["kind"],
                                 upload=form.cleaned_data["file"])
    except DomainError as exc:
        form.add_error("file", exc.message)
        return _report_page(request, package, scan_form=form, status=400)
    messages.success(request, f"已上传：{scan.get_kind_display()}（{scan.title}）。")
    return redirect("quotas:report", rec, call)


def scan_response(request, scan):
    return private_file_response(scan.file, scan.title, request=request, obj=scan)


@login_required
def scan_download(request, rec, call, scan):
    package = selectors.access_package(request.user, rec, call)
    return scan_response(request, selectors.scan_of(package, scan))


@login_required
@require_POST
def scan_delete(request, rec, call, scan):
    package = selectors.access_package(request.user, rec, call)
    obj = selectors.scan_of(package, scan)
    try:
        services.delete_scan(obj, by=request.user)
    except DomainError as exc:
        show_error(request, exc)
    else:
        messages.success(request, f"已删除：{obj.title}。")
    return redirect("quotas:report", rec, call)


@login_required
def contact_page(request, rec, call):
    """Register the 联系人 while the package is open; once it is locked (submitted, or past its
    deadline) the page shows the registered 联系人 read-only and a change request instead."""
    package = selectors.access_package(request.user, rec, call)
    contact = selectors.contact_of(package.call, package.recommender)
    writable = package.is_writable()
    initial = ({"name": contact.name, "post": contact.post, "phone": contact.phone,
                "mobile": contact.mobile} if contact else {})
    form_class = ContactForm if writable else ContactChangeForm
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if writable:
                services.register_contact(package.call, package.recommender, by=request.user,
                                          **data)
            else:
                services.request_contact_change(package, by=request.user, **data)
        except DomainError as exc:
            show_error(request, exc)
        else:
            messages.success(request, "联系人已登记。" if writable else
                             f"联系人变更申请已提交，待{package.call.wording.authority}审核。")
            return redirect("quotas:contact", rec, call)
    return render(request, "quotas/contact.html", {
        **package_context(package, "contact"), "form": form, "contact": contact,
        "requests": package.contact_requests.select_related("decided_by"),
        "pending": package.contact_requests.filter(status=ChangeStatus.PENDING).exists()},
        status=400 if form.errors else 200)
