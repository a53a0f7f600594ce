"""Permission-scoped reads of applications: "not yours" and "does not exist" are the same 404."""

from django.db.models import QuerySet
from django.http import Http404

from orgs.roles import Role
from orgs.selectors import has_role, organisation_ids_for

from .models import Application, ApplicationStatus


def applications_of_my_units(user) -> QuerySet[Application]:
    """Applications of the units in which `user` is an applicant-unit user."""
    return Application.objects.filter(
        unit__in=organisation_ids_for(user, Role.APPLICANT)
    ).select_related("call", "unit")


def application_for_applicant(user, pk) -> Application:
    """The application `pk` if `user` is an applicant user of its unit; 404 otherwise."""
    app = applications_of_my_units(user).filter(pk=pk).first()
    if app is None:
        raise Http404("申报不存在。")
    return app


def applications_visible_to(user) -> QuerySet[Application]:
    """Own units' applications; for recommenders the non-draft applications of their applicant
    units; for reviewers and administrators every non-draft application."""
    if not user.is_authenticated:
        return Application.objects.none()
    qs = Application.objects.select_related("call", "unit")
    if has_role(user, Role.REVIEWER) or has_role(user, Role.ADMIN):
        return qs.filter(unit__in=organisation_ids_for(user, Role.APPLICANT)) | qs.exclude(
            status=ApplicationStatus.DRAFT)
    own = qs.filter(unit__in=organisation_ids_for(user, Role.APPLICANT))
    recommended = qs.filter(unit__parent__in=organisation_ids_for(user, Role.RECOMMENDER)).exclude(
        status=ApplicationStatus.DRAFT)
    return (own | recommended).distinct()


def application_visible_to(user, pk) -> Application:
    app = applications_visible_to(user).filter(pk=pk).first()
    if app is None:
        raise Http404("申报不存在。")
    return app
