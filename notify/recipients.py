"""Who is told: the users holding a role in an organisation (105号 按隶属关系逐级). The
services that notify pick among these; nothing else reads memberships to address a message."""

from django.contrib.auth import get_user_model

from orgs.models import Membership
from orgs.roles import Role


def members(organisation_id, *roles) -> list:
    """Active users holding any of `roles` in the organisation, in id order."""
    if organisation_id is None:
        return []
    ids = Membership.objects.filter(organisation_id=organisation_id, role__in=roles)
    return list(get_user_model().objects.filter(id__in=ids.values("user_id"), is_active=True)
                .order_by("id"))


def unit_of(application) -> list:
    """The applicant unit's users."""
    return members(application.unit_id, Role.APPLICANT)


def recommender_of(application) -> list:
    """The users of the unit's recommender (its parent organisation)."""
    return members(application.unit.parent_id, Role.RECOMMENDER)


def parties_of(application) -> list:
    """The unit's users and its recommender's users: both follow the review's outcome."""
    return unit_of(application) + recommender_of(application)


def recommender_users(organisation) -> list:
    return members(organisation.pk, Role.RECOMMENDER)


def reviewers_of(call) -> list:
    """The reviewers of the organisation that issued the call (orgs.policy.reviews_call)."""
    return members(call.issuer_id, Role.REVIEWER)
