"""The package: 附件2 preview, the submission checklist, submit, timeline."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.views import show_error

from . import selectors, services
from .annex2 import annex2_tables
from .views import package_context


@login_required
def annex2_page(request, rec, call):
    package = selectors.access_package(request.user, rec, call)
    return render(request, "quotas/annex2.html", {
        **package_context(package, "annex2"), "tables": annex2_tables(package)})


@login_required
def package_page(request, rec, call):
    package = selectors.access_package(request.user, rec, call)
    return render(request, "quotas/package.html", {
        **package_context(package, "package"), "problems": services.package_problems(package),
        "events": selectors.package_timeline(package)})


@login_required
@require_POST
def submit_view(request, rec, call):
    package = selectors.access_package(request.user, rec, call)
    try:
        services.submit_package(package, by=request.user)
    except DomainError as exc:
        show_error(request, exc)
    else:
        messages.success(request, f"推荐材料{package.call.wording.submitted}，已锁定。")
    return redirect("quotas:package", rec, call)
