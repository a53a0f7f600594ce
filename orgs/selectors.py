"""Permission-scoped reads about who may act for which organisation."""

from django.db.models import QuerySet
from guardian.shortcuts import get_objects_for_user

from .models import Membership, Organisation
from .roles import ROLE_PERMISSION, Role


def organisations_for(user, role: str) -> QuerySet[Organisation]:
    """Organisations in which `user` holds `role`, by the guardian object permission."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return get_objects_for_user(
        user, ROLE_PERMISSION[Role(role)], klass=Organisation, accept_global_perms=False,
        with_superuser=False,
    )


def has_role(user, role: str, organisation: Organisation | None = None) -> bool:
    """Whether `user` holds `role` (in `organisation`). Being a superuser grants no role: a
    Django-admin account is not thereby a unit's, recommender's or expert's user."""
    if not user.is_authenticated:
        return False
    if organisation is None:
        return Membership.objects.filter(user=user, role=role).exists()
    return organisations_for(user, role).filter(pk=organisation.pk).exists()


def memberships_of(user):
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user).select_related("organisation")


def applicant_units_of(recommender: Organisation) -> QuerySet[Organisation]:
    return Organisation.objects.filter(parent=recommender, kind="applicant")
