"""The one access policy: who oversees which call (and so its applications, packages, exports,
experts, panels and projects).

"Reviewer" and "administrator" always mean a reviewer or administrator OF THE ORGANISATION THAT
ISSUED THE CALL (`call.issuer`): the 自治区人社厅's staff run the regional calls, 鄂尔多斯市人社局's
staff run the Ordos city call, and neither sees the other's. A role held in some other
organisation grants nothing here. Every app's predicates (declare/rules.py, review/rules.py,
documents/rules.py, quotas/rules.py, projects/rules.py) and every permission-scoped read
(*/selectors.py) ask these functions; nothing else reads REVIEWER or ADMIN memberships to decide
access.
"""

from orgs.roles import Role
from orgs.selectors import holds, organisation_ids_for

# The roles that oversee the calls their organisation issued.
OVERSEER_ROLES = (Role.REVIEWER, Role.ADMIN)


def overseen_issuer_ids(user) -> frozenset[int]:
    """Ids of the organisations whose calls `user` oversees (as reviewer or administrator)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    ids: set[int] = set()
    for role in OVERSEER_ROLES:
        ids.update(int(pk) for pk in _ids(organisation_ids_for(user, role)))
    return frozenset(ids)


def _ids(value) -> list[int]:
    """organisation_ids_for gives a set within a request, a values() subquery outside one."""
    if isinstance(value, (set, frozenset)):
        return list(value)
    return [row["pk"] for row in value]


def oversees(user, issuer_id: int | None) -> bool:
    """Whether `user` is a reviewer or administrator of the organisation `issuer_id`."""
    if issuer_id is None or not getattr(user, "is_authenticated", False):
        return False
    return any(holds(user, role, issuer_id) for role in OVERSEER_ROLES)


def oversees_call(user, call) -> bool:
    """A reviewer or administrator of the organisation that issued `call`."""
    return call is not None and oversees(user, call.issuer_id)


def reviewed_issuer_ids(user) -> frozenset[int]:
    """Ids of the organisations `user` is a reviewer of: the ones whose calls they act on
    (receipt, reopen, extend, 初审/复审). An administrator reads those calls' pages
    (`overseen_issuer_ids`) without acting on them."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    return frozenset(int(pk) for pk in _ids(organisation_ids_for(user, Role.REVIEWER)))


def reviews_call(user, call) -> bool:
    """A reviewer (not an administrator) of the organisation that issued `call`: the 初审/复审
    steps that 105号 gives to the issuing bureau's staff."""
    return call is not None and holds(user, Role.REVIEWER, call.issuer_id)


def oversees_anything(user) -> bool:
    """Whether `user` oversees the calls of at least one organisation (menus, home cards)."""
    return bool(overseen_issuer_ids(user))
