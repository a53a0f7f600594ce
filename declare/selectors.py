"""Permission-scoped reads of applications: "not yours" and "does not exist" are the same 404."""

from django.db.models import Q, QuerySet
from django.http import Http404

from orgs.policy import overseen_issuer_ids
from orgs.roles import Role
from orgs.selectors import organisation_ids_for

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
    units; for reviewers and administrators the non-draft applications of the calls their
    organisation issued (orgs.policy) — never another issuer's."""
    if not user.is_authenticated:
        return Application.objects.none()
    qs = Application.objects.select_related("call", "unit")
    scope = Q(unit__in=organisation_ids_for(user, Role.APPLICANT))
    submitted = ~Q(status=ApplicationStatus.DRAFT)
    scope |= submitted & Q(unit__parent__in=organisation_ids_for(user, Role.RECOMMENDER))
    issuers = overseen_issuer_ids(user)
    if issuers:
        scope |= submitted & Q(call__issuer__in=issuers)
    return qs.filter(scope)


def application_visible_to(user, pk) -> Application:
    app = applications_visible_to(user).filter(pk=pk).first()
    if app is None:
        raise Http404("申报不存在。")
    return app
