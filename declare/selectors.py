"""Permission-scoped reads of applications: "not yours" and "does not exist" are the same 404."""

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404

from orgs.policy import overseen_issuer_ids
from orgs.roles import Role
from orgs.selectors import organisation_ids_for

from .models import Application, ApplicationStatus, Section, Speciality


def _of_my_units(user, path: str = "") -> Q:
    """The write rule: of a unit in which `user` is an applicant-unit user (`path` leads from
    the model queried to its Application)."""
    return Q(**{f"{path}unit__in": organisation_ids_for(user, Role.APPLICANT)})


def applications_of_my_units(user) -> QuerySet[Application]:
    """Applications of the units in which `user` is an applicant-unit user."""
    return Application.objects.filter(_of_my_units(user)).select_related("call", "unit")


def sections_of_my_units(user) -> QuerySet[Section]:
    """Sections of the applications `user` may write — access_application(for_write=True)'s
    rule, for a statement that reads a section and its application at once (the autosave's
    lock, declare.services.sections.autosave_section)."""
    return Section.objects.filter(_of_my_units(user, "application__"))


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


def access_application(user, pk, *, for_write: bool = False) -> Application:
    """The application `pk` for `user`, or 404 ("not yours" and "missing" alike).

    Reading: whoever applications_visible_to admits (the unit's users; its recommender and the
    call's issuer's reviewers and administrators once submitted). Writing (sections, materials,
    submit, withdraw): the applicant unit's own users only — whether its status allows the change
    is the workflow's and the rules' to say."""
    qs = applications_of_my_units(user) if for_write else applications_visible_to(user)
    try:   # get(): no ORDER BY (first() would order by created_at for one row)
        return qs.get(pk=pk)
    except Application.DoesNotExist:
        raise Http404("申报不存在。") from None


def with_specialities(application: Application) -> Application:
    """`application` with its specialities and their occupations, read by one query (a join,
    not a second query per relation)."""
    prefetch_related_objects([application], Prefetch(
        "specialities", queryset=Speciality.objects.select_related("occupation")))
    return application
