"""One version number in the cache for a whole family of cached reads (the roles, a unit's
post-award records): readers put it in their keys or entries, writers give it a new value at
once and again when their transaction commits, so nothing read before a write is accepted
after it. With Redis unreachable (config.cache.TolerantRedisCache) the version reads as "none"
and every reader misses."""

import uuid

from django.core.cache import cache
from django.db import transaction

VERSION_TTL = 24 * 3600


class CacheVersion:
    def __init__(self, key: str):
        self.key = key

    def current(self) -> str:
        found = cache.get(self.key)
        if found is None:
            cache.add(self.key, uuid.uuid4().hex, VERSION_TTL)
            found = cache.get(self.key) or "none"
        return found

    def bump(self) -> None:
        cache.set(self.key, uuid.uuid4().hex, VERSION_TTL)

    def forget_all(self, *args, **kwargs) -> None:
        """A signal receiver: a new version now (this transaction's own later reads, and a
        test's, which never commits) and again once the transaction commits (a reader on
        another connection that read the old rows in between)."""
        self.bump()
        transaction.on_commit(self.bump)
