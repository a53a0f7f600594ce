"""The two fields of orgs.AccountState that orgs.security.AccountSecurityMiddleware checks on
every request (the account's one live session key, the password's last change), cached for
STATE_TTL seconds instead of a query per page (issue 20 §4: 3.3–3.8 ms of every request).

Every write of an AccountState row goes through AccountStateQuerySet.update (update,
bulk_update) or sends post_save/post_delete (save, get_or_create, update_or_create, the admin,
a cascade from the user): each gives the
user a new cache version at once and again when its transaction commits, so the next request reads the
database again. A reader that read the old row just before a write stores it under the old
version, which no later request asks for: no stale answer outlives a write, not even for the
STATE_TTL seconds. With Redis unreachable (config.cache.TolerantRedisCache answers None) every
request reads the database, as before.
"""

import uuid

from django.core.cache import cache
from django.db import models, transaction

from core.versions import VERSION_TTL, CacheVersion, ProcessTable

STATE_TTL = 30


# the state also in this process, under the same version: one Redis GET less per request
_states = ProcessTable(STATE_TTL, 4096)


def _version_key(user_id: int) -> str:
    return f"orgs:account-state:v:{user_id}"


def version_of(user_id: int) -> CacheVersion:
    """The user's cache version (also orgs.usercache's key)."""
    return CacheVersion(_version_key(user_id))


def account_version(user_id: int) -> str | None:
    """The user's current cache version; None when Redis cannot be reached, when nothing may
    be cached."""
    return version_of(user_id).current()


def _bump(ids) -> None:
    cache.set_many({_version_key(i): uuid.uuid4().hex for i in ids}, VERSION_TTL)


def forget(user_ids) -> None:
    """A new version for each user now (this transaction's own later reads, and a test's,
    which never commits) and again once the transaction commits: a request on another
    connection that read the old row in between cached it under a version then left behind."""
    ids = sorted({int(i) for i in user_ids})
    if ids:
        _bump(ids)
        transaction.on_commit(lambda: _bump(ids))


def forget_row(sender, instance, **kwargs) -> None:
    """post_save / post_delete of an AccountState."""
    forget([instance.user_id])


def forget_user(sender, instance, **kwargs) -> None:
    """post_save / post_delete of a user: orgs.usercache keeps the user's row under this
    version."""
    forget([instance.pk])


def security_state(user) -> tuple[str, object]:
    """(session_key, password_changed_at) of the user's AccountState, ("", None) without one."""
    # the version orgs.usercache read when it loaded this user in this request, else one read
    version = getattr(user, "account_version", None) or account_version(user.pk)
    if not version:
        return _state_row(user.pk)
    state = _states.get((user.pk, version))
    if state is None:
        key = f"orgs:account-state:{user.pk}:{version}"
        state = cache.get(key)
        if state is None:
            state = _state_row(user.pk)
            cache.set(key, state, STATE_TTL)
        _states.put((user.pk, version), state)
    return state


def _state_row(user_id) -> tuple[str, object]:
    from .models import AccountState

    row = (AccountState.objects.filter(user_id=user_id)
           .values_list("session_key", "password_changed_at").first())
    return tuple(row) if row else ("", None)


class AccountStateQuerySet(models.QuerySet):
    def update(self, **kwargs):
        users = list(self.values_list("user_id", flat=True))
        done = super().update(**kwargs)
        forget(users)
        return done

    update.alters_data = True
