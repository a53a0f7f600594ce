"""Permission-scoped reads of projects: the unit's own, its recommender's, the issuer's."""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from declare.models import Application, ApplicationStatus
from orgs.policy import overseen_issuer_ids, oversees_anything
from orgs.roles import Role
from orgs.selectors import organisation_ids_for

from . import rules
from .choices import OPEN_STATUSES, ProjectStatus
from .models import Ban, ChangeRequest, Milestone, ProgressReport, Project, Reminder


def projects_visible_to(user) -> QuerySet[Project]:
    """Applicant users: their units' projects; recommenders: their units'; reviewers and
    administrators: the projects of the calls their organisation issued."""
    if not user.is_authenticated:
        return Project.objects.none()
    scope = (Q(unit__in=organisation_ids_for(user, Role.APPLICANT))
             | Q(unit__parent__in=organisation_ids_for(user, Role.RECOMMENDER))
             | Q(call__issuer__in=overseen_issuer_ids(user)))
    return Project.objects.filter(scope).select_related("unit", "call", "occupation")


def access_project(user, pk: int) -> Project:
    """The project, or 404 for "not yours" and "does not exist" alike."""
    return get_object_or_404(projects_visible_to(user), pk=pk)


def access_plaque(user, pk: int) -> Project:
    """The project whose plaque `user` may have (a visible project that has one), or 404;
    also asked by documents for the plaque's render job."""
    project = access_project(user, pk)
    if not rules.has_plaque(project):
        raise Http404("牌匾证书不存在。")
    return project


def access_milestone(user, project_pk: int, pk: int) -> Milestone:
    return get_object_or_404(Milestone.objects.select_related("project"),
                             project__in=projects_visible_to(user), project_id=project_pk, pk=pk)


def access_report(user, project_pk: int, pk: int) -> ProgressReport:
    return get_object_or_404(ProgressReport.objects.select_related("milestone__project"),
                             milestone__project__in=projects_visible_to(user),
                             milestone__project_id=project_pk, pk=pk)


def access_change(user, project_pk: int, pk: int) -> ChangeRequest:
    return get_object_or_404(ChangeRequest.objects.select_related("project"),
                             project__in=projects_visible_to(user), project_id=project_pk, pk=pk)


def applications_awaiting_project(user) -> QuerySet[Application]:
    """Approved applications of calls the user's organisation issued, not yet a project."""
    if not user.is_authenticated:
        return Application.objects.none()
    return (Application.objects
            .filter(status=ApplicationStatus.APPROVED, call__issuer__in=overseen_issuer_ids(user),
                    project__isnull=True)
            .select_related("call", "unit").order_by("call", "kind", "reference"))


def application_awaiting_project(user, pk: int) -> Application:
    return get_object_or_404(applications_awaiting_project(user), pk=pk)


def public_projects() -> QuerySet[Project]:
    """Accepted projects for the public list (公布): no personal data is selected."""
    return (Project.objects.filter(status=ProjectStatus.ACCEPTED)
            .select_related("unit", "occupation", "call")
            .order_by("-accepted_on", "kind", "unit__name"))


def bans_visible_to(user) -> QuerySet[Ban]:
    """Reviewers and administrators see every ban (it blocks applications to any call);
    recommenders and units see their own units' bans."""
    if not user.is_authenticated:
        return Ban.objects.none()
    qs = Ban.objects.select_related("unit", "project__call")   # 依据: the call's notice
    if oversees_anything(user):
        return qs
    return qs.filter(Q(unit__in=organisation_ids_for(user, Role.APPLICANT))
                     | Q(unit__parent__in=organisation_ids_for(user, Role.RECOMMENDER)))


def reminders_for(user, day) -> QuerySet[Reminder]:
    return (Reminder.objects.filter(project__in=projects_visible_to(user), day=day)
            .select_related("project__unit"))


def open_projects_of(unit) -> QuerySet[Project]:
    return Project.objects.filter(unit=unit, status__in=OPEN_STATUSES)
