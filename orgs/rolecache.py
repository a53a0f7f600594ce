"""The signed-in user's roles (memberships with their organisations, and organisation ids per
role from the guardian object permissions) cached across requests (issue 20: RoleMemo's two
queries were 5–13 % of every page).

The cache key carries one roles version for the whole system. Every write that can change
anybody's roles gives it a new value at once and again when its transaction commits: a
Membership or Organisation saved or deleted, a user's or group's object permission added or
removed (guardian's assign_perm/remove_perm save and delete rows), a user's groups or a group's
permissions changed. The next request after such a write — the one that revoked a role
included — reads the database again; a reader that read the old rows just before the write
stored them under the old version, which no later request asks for. Such writes are rare (an
administrator's), so one version for all costs a re-read per user after each, nothing more.
With Redis unreachable (config.cache.TolerantRedisCache answers None) every request reads the
database, as before. The check itself (orgs.selectors.has_role/holds) is unchanged and runs on
every request."""

import pickle  # nosec B403

from django.core.cache import cache

from core.versions import CacheVersion, ProcessTable

ROLES_TTL = 300
VERSION = CacheVersion("orgs:roles:v")
# the entry also in this process, under the same key (it carries the version): one Redis GET
# less per request. Kept pickled: each request unpickles its own Membership instances, as from
# Redis, so nothing one request sets on them reaches another.
_entries = ProcessTable(ROLES_TTL, 4096)
_writes = 0   # role writes in this process: a version read before one of them is not used


def clear() -> None:
    _entries.clear()


def forget_all(*args, **kwargs) -> None:
    """A signal receiver: every write that can change a role."""
    global _writes
    _writes += 1
    VERSION.forget_all()


def handed(version: str | None) -> tuple:
    """The roles version orgs.usercache read with the user's own, to hand on to roles()."""
    return version, _writes


def roles(user, load):
    """(memberships, role → organisation ids) of `user`: from the cache, else `load(user)`,
    stored under the current version (the one orgs.usercache read with the user's own in this
    request, else one read)."""
    read, writes = getattr(user, "roles_version", (None, None))
    version = read if read and writes == _writes else VERSION.current()
    if version is None:   # Redis unreachable
        return load(user)
    key = f"orgs:roles:{user.pk}:{version}"
    blob = _entries.get(key)
    if blob is None:
        blob = pickle.dumps(cache.get_or_set(key, lambda: load(user), ROLES_TTL),
                            pickle.HIGHEST_PROTOCOL)
        _entries.put(key, blob)
    return pickle.loads(blob)  # noqa: S301  # nosec B301


def connect() -> None:
    """Called once from orgs.apps: every model whose writes change a role."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db.models import signals
    from guardian.models import GroupObjectPermission, UserObjectPermission

    from .models import Membership, Organisation

    for model in (Membership, Organisation, UserObjectPermission, GroupObjectPermission):
        name = model._meta.label_lower
        signals.post_save.connect(forget_all, sender=model, dispatch_uid=f"rolecache.s.{name}")
        signals.post_delete.connect(forget_all, sender=model, dispatch_uid=f"rolecache.d.{name}")
    for through in (get_user_model().groups.through, Group.permissions.through,
                    get_user_model().user_permissions.through):
        signals.m2m_changed.connect(forget_all, sender=through,
                                    dispatch_uid=f"rolecache.m.{through._meta.label_lower}")
