"""The signed-in user's row kept in this process between requests (issue 20 §4: after the roles
and the account state were cached, the user's SELECT was the one query every signed-in page
still ran before its own work).

PasswordBackend is Django's ModelBackend (password login, model permissions) whose get_user —
what django.contrib.auth calls on every request to turn the session's user id into a user —
first looks in a small per-process table: the row's values under the key (user id, the user's
version in orgs.statecache). Every save or delete of a user (the admin, a password change,
last_login on login, deactivation) and every AccountState write gives the user a new version
in Redis at once and again on commit (statecache.forget), so the next request in any process
misses and reads the database; an entry is also dropped after USER_TTL seconds whatever
happens, which bounds a QuerySet.update() of users (which sends no signal; only tests do it).
With Redis unreachable there is no version and every request reads the database. Each request
gets its own new instance (Model.from_db), so nothing one request sets on its user leaks into
another's."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from core.versions import CacheVersion, ProcessTable
from notify.services import handed as unread_handed
from notify.services import unread_key

from . import rolecache
from .statecache import version_of

USER_TTL = 30
_rows = ProcessTable(USER_TTL, 4096)  # (user id, version) → field values


def clear() -> None:
    _rows.clear()


def cached_user(user_id):
    """The active-or-not user `user_id` (None when there is none), from this process's table
    when its version is current, else from the database."""
    model = get_user_model()
    try:
        pk = model._meta.pk.to_python(user_id)
    except ValidationError:  # a tampered session: no such user
        return None
    # the user's version, the roles' (orgs.rolecache) and the unread count (notify) in one round
    # trip: all read afresh on every request, the last two a moment earlier in the same request
    (version, roles_version), found = CacheVersion.current_many(
        [version_of(pk), rolecache.VERSION], [unread_key(pk)])
    names = [f.attname for f in model._meta.concrete_fields]
    values = _rows.get((pk, version)) if version else None
    if values is None:
        row = model._default_manager.filter(pk=pk).values_list(*names).first()
        if row is None:
            return None
        values = tuple(row)
        if version:
            _rows.put((pk, version), values)
    user = model.from_db(model._default_manager.db, names, values)
    user.account_version = version  # handed to statecache.security_state: one Redis read less
    user.roles_version = rolecache.handed(roles_version)  # and to rolecache.roles: another
    user.unread_read = unread_handed(found, pk)  # and to notify's unread_count: another
    return user


class PasswordBackend(ModelBackend):
    def get_user(self, user_id):
        user = cached_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


def connect() -> None:
    """Called once from orgs.apps."""
    from django.db.models import signals

    from .statecache import forget_user

    model = get_user_model()
    signals.post_save.connect(forget_user, sender=model, dispatch_uid="usercache-save")
    signals.post_delete.connect(forget_user, sender=model, dispatch_uid="usercache-delete")
