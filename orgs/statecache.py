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

import threading
import time
import uuid
from collections import OrderedDict

from django.core.cache import cache
from django.db import models, transaction

STATE_TTL = 30
VERSION_TTL = 24 * 3600


class ProcessTable:
    """Values kept in this process under a key that carries a user's version: an LRU of
    `size` entries, each at most `ttl` seconds old. Correct only for keys whose version every
    change replaces (a new key); the ttl bounds a change that sent no signal."""

    def __init__(self, ttl: float, size: int):
        self.ttl, self.size = ttl, size
        self._rows: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            found = self._rows.get(key)
            if found is None:
                return None
            if time.monotonic() - found[0] > self.ttl:
                del self._rows[key]
                return None
            self._rows.move_to_end(key)
            return found[1]

    def put(self, key, value) -> None:
        with self._lock:
            self._rows[key] = (time.monotonic(), value)
            self._rows.move_to_end(key)
            while len(self._rows) > self.size:
                self._rows.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._rows.clear()


# the state also in this process, under the same version: one Redis GET less per request
_states = ProcessTable(STATE_TTL, 4096)


def _version_key(user_id: int) -> str:
    return f"orgs:account-state:v:{user_id}"


def account_version(user_id: int) -> str | None:
    """The user's current cache version (also orgs.usercache's key); None when Redis cannot
    be reached, when nothing may be cached."""
    key = _version_key(user_id)
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, VERSION_TTL)
        version = cache.get(key)
    return version


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
