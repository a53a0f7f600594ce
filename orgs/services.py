"""Writes to organisations and memberships; memberships keep guardian permissions in step."""

from django.contrib.auth import get_user_model
from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from audit.models import AuditAction
from audit.services import record

from .models import Membership, Organisation
from .roles import ROLE_PERMISSION, Role
from .selectors import forget_roles

User = get_user_model()


@transaction.atomic
def grant_membership(*, user, organisation: Organisation, role: str, title: str = "",
                     by=None) -> Membership:
    """Give `user` `role` in `organisation` and the matching object permission on it."""
    membership, _ = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role, defaults={"title": title}
    )
    assign_perm(ROLE_PERMISSION[Role(role)], user, organisation)
    forget_roles(user)
    record(AuditAction.PERMISSION_GRANTED, actor=by, obj=membership, role=role,
           user=user.get_username(), organisation=organisation.name)
    if role == Role.ADMIN and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return membership


@transaction.atomic
def revoke_membership(*, membership: Membership, by=None) -> None:
    user, organisation, role = membership.user, membership.organisation, membership.role
    record(AuditAction.PERMISSION_REVOKED, actor=by, obj=membership, role=role,
           user=user.get_username(), organisation=organisation.name)
    membership.delete()
    remove_perm(ROLE_PERMISSION[Role(role)], user, organisation)
    forget_roles(user)
