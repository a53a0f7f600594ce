"""Permission-scoped reads about who may act for which organisation.

Within one request the answers come from a per-request memo (orgs.middleware.RoleMemoMiddleware
puts one on request.user): the user's guardian object permissions and memberships are read once,
in two queries, instead of once per check (the home page alone asked nine times), and kept in
the cache across requests under a version every role change bumps (orgs.rolecache). Outside a
request (services, commands, tests calling selectors directly) nothing is memoised and every
call reads the database, as before.
"""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import QuerySet
from guardian.models import GroupObjectPermission, UserObjectPermission
from guardian.shortcuts import get_objects_for_user

from . import rolecache
from .models import Membership, Organisation
from .roles import ROLE_PERMISSION, Role

User = get_user_model()
MEMO_ATTR = "_role_memo"
_CODENAMES = {perm.split(".", 1)[1]: role for role, perm in ROLE_PERMISSION.items()}


class RoleMemo:
    """The user's roles, read lazily, at most once per request."""

    def __init__(self, user):
        self.user = user
        self._org_ids: dict[str, frozenset[int]] | None = None
        self._memberships: list[Membership] | None = None

    def _load(self) -> None:
        if self._memberships is None:
            self._memberships, self._org_ids = rolecache.roles(self.user, _read_roles)

    def org_ids(self, role: str) -> frozenset[int]:
        self._load()
        return self._org_ids.get(role, frozenset())

    def memberships(self) -> list[Membership]:
        self._load()
        return self._memberships

    def roles(self) -> set[str]:
        return {m.role for m in self.memberships()}


def _read_roles(user) -> tuple[list[Membership], dict[str, frozenset[int]]]:
    """The user's roles from the database: memberships, then object permissions (two queries);
    cached across requests by orgs.rolecache."""
    memberships = list(Membership.objects.filter(user=user).select_related("organisation")
                       .order_by("pk"))
    return memberships, _object_permissions(user)


@functools.cache
def _permissions_sql(vendor: str) -> str:
    """The query of _object_permissions. Only quoted table and column names of our own models
    are put into the text; the user, content type and codenames are parameters."""
    q = connection.ops.quote_name
    uop, gop = UserObjectPermission._meta.db_table, GroupObjectPermission._meta.db_table
    perm, member = Permission._meta.db_table, User.groups.through._meta.db_table
    marks = ", ".join(["%s"] * len(_CODENAMES))
    return (
        f"SELECT p.{q('codename')}, o.{q('object_pk')} FROM {q(uop)} o "  # noqa: S608  # nosec B608
        f"JOIN {q(perm)} p ON p.{q('id')} = o.{q('permission_id')} "
        f"WHERE o.{q('user_id')} = %s AND o.{q('content_type_id')} = %s "
        f"AND p.{q('codename')} IN ({marks}) "
        f"UNION ALL SELECT p.{q('codename')}, o.{q('object_pk')} FROM {q(gop)} o "
        f"JOIN {q(perm)} p ON p.{q('id')} = o.{q('permission_id')} "
        f"JOIN {q(member)} m ON m.{q('group_id')} = o.{q('group_id')} "
        f"WHERE m.{q('user_id')} = %s AND o.{q('content_type_id')} = %s "
        f"AND p.{q('codename')} IN ({marks})")


def _object_permissions(user) -> dict[str, frozenset[int]]:
    """role → organisation ids, from the user's and the user's groups' object permissions
    (what guardian's get_objects_for_user reads), in one query. Written as SQL: the ORM's
    union of two joined querysets cost 2–3 ms of CPU to build, on every request (make bench)."""
    ct = ContentType.objects.get_for_model(Organisation)
    names = list(_CODENAMES)
    found: dict[str, set[int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(_permissions_sql(connection.vendor),
                       [user.pk, ct.pk, *names, user.pk, ct.pk, *names])
        for codename, pk in cursor.fetchall():
            found.setdefault(_CODENAMES[codename], set()).add(int(pk))
    return {role: frozenset(ids) for role, ids in found.items()}


def memo_of(user) -> RoleMemo | None:
    return getattr(user, MEMO_ATTR, None)


def forget_roles(user) -> None:
    """Drop a memo after the user's memberships changed within the request."""
    if memo_of(user) is not None:
        setattr(user, MEMO_ATTR, RoleMemo(user))


def organisations_for(user, role: str) -> QuerySet[Organisation]:
    """Organisations in which `user` holds `role`, by the guardian object permission."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    memo = memo_of(user)
    if memo is not None:
        return Organisation.objects.filter(pk__in=sorted(memo.org_ids(Role(role))))
    return get_objects_for_user(
        user, ROLE_PERMISSION[Role(role)], klass=Organisation, accept_global_perms=False,
        with_superuser=False,
    )


def organisation_ids_for(user, role: str) -> frozenset[int] | QuerySet:
    """Ids of organisations in which `user` holds `role`: a set within a request, else a
    subquery (either works in `organisation_id__in=`)."""
    memo = memo_of(user)
    if memo is not None and user.is_authenticated:
        return memo.org_ids(Role(role))
    return organisations_for(user, role).values("pk")


def has_role(user, role: str, organisation: Organisation | None = None) -> bool:
    """Whether `user` holds `role` (in `organisation`). Being a superuser grants no role: a
    Django-admin account is not thereby a unit's, recommender's or expert's user."""
    if not user.is_authenticated:
        return False
    if organisation is None:
        memo = memo_of(user)
        if memo is not None:
            return role in memo.roles()
        return Membership.objects.filter(user=user, role=role).exists()
    return holds(user, role, organisation.pk)


def holds(user, role: str, organisation_id: int | None) -> bool:
    """Whether `user` holds `role` in the organisation with this id, by the object permission."""
    if organisation_id is None or not user.is_authenticated:
        return False
    memo = memo_of(user)
    if memo is not None:
        return organisation_id in memo.org_ids(Role(role))
    return organisations_for(user, role).filter(pk=organisation_id).exists()


def holds_any(user, role: str) -> bool:
    """Whether `user` holds `role` in any organisation, by the object permission."""
    if not user.is_authenticated:
        return False
    memo = memo_of(user)
    if memo is not None:
        return bool(memo.org_ids(Role(role)))
    return organisations_for(user, role).exists()


def memberships_of(user) -> list[Membership]:
    if not user.is_authenticated:
        return []
    memo = memo_of(user)
    if memo is not None:
        return memo.memberships()
    return list(Membership.objects.filter(user=user).select_related("organisation")
                .order_by("pk"))


def applicant_units_of(recommender: Organisation) -> QuerySet[Organisation]:
    return Organisation.objects.filter(parent=recommender, kind="applicant")
