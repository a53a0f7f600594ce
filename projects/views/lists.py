from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from core.views import attempt_in_form

from .. import selectors
from ..forms import CreateProjectForm
from ..services import amount_for, create_project_from_application
from .common import form_status


@login_required
def project_list(request):
    projects = selectors.projects_visible_to(request.user).order_by("status", "period_end", "id")
    return render(request, "projects/list.html", {
        "projects": projects,
        "reminders": selectors.reminders_for(request.user, timezone.localdate()),
        "awaiting": selectors.applications_awaiting_project(request.user).count(),
    })


def public_list(request):
    """公布: accepted projects, open to everyone, without personal data."""
    return render(request, "projects/public.html", {"projects": selectors.public_projects()})


@login_required
def ban_list(request):
    today = timezone.localdate()
    bans = list(selectors.bans_visible_to(request.user))
    # a ban is seen by every reviewer (it blocks any call), its project only by whom may open it
    openable = set(selectors.projects_visible_to(request.user).filter(
        pk__in=[b.project_id for b in bans if b.project_id]).values_list("pk", flat=True))
    rows = [(ban, ban.in_force_on(today), ban.project_id in openable) for ban in bans]
    return render(request, "projects/bans.html", {"rows": rows})


@login_required
def awaiting(request):
    return render(request, "projects/awaiting.html", {
        "applications": selectors.applications_awaiting_project(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def create(request, app_pk):
    application = selectors.application_awaiting_project(request.user, app_pk)
    default = amount_for(application.call, application.kind, application.category,
                         application.tier)
    form = CreateProjectForm(request.POST or None, default_amount=default,
                             level=application.call.level)
    if request.method == "POST" and form.is_valid():
        project = attempt_in_form(form, lambda: create_project_from_application(
            application, by=request.user, amount=form.cleaned_data["amount"],
            source=form.cleaned_data["source"], released_on=form.cleaned_data["released_on"]))
        if project:
            messages.success(request, f"{project.name}已立项。")
            return redirect("projects:detail", pk=project.pk)
    return render(request, "projects/create.html", {"application": application, "form": form},
                  status=form_status(request, form))
