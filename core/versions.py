"""One version number in the cache for a whole family of cached reads (the roles, a unit's
post-award records): readers put it in their keys or entries, writers give it a new value at
once and again when their transaction commits, so nothing read before a write is accepted
after it. With Redis unreachable (config.cache.TolerantRedisCache) there is no version (None)
and every reader misses. ProcessTable keeps values in the process under keys that carry such a
version."""

import threading
import time
import uuid
from collections import OrderedDict

from django.core.cache import cache
from django.db import transaction

VERSION_TTL = 24 * 3600


class CacheVersion:
    def __init__(self, key: str):
        self.key = key

    def current(self) -> str | None:
        """The version; None when Redis cannot be reached (nothing may be cached then)."""
        found = cache.get(self.key)
        if found is None:
            cache.add(self.key, uuid.uuid4().hex, VERSION_TTL)
            found = cache.get(self.key)
        return found

    @staticmethod
    def current_many(versions, others=()) -> tuple[list, dict]:
        """current() of each of `versions`, in one cache round trip when they are all there
        (the floor of every signed-in page, issue 20); a missing one is made as current() makes
        it. The values of the plain keys `others` come in the same round trip: {key: value} of
        those found."""
        found = cache.get_many([v.key for v in versions] + list(others))
        return ([found.get(v.key) or v.current() for v in versions],
                {k: found[k] for k in others if k in found})

    def bump(self) -> None:
        cache.set(self.key, uuid.uuid4().hex, VERSION_TTL)

    def forget_all(self, *args, **kwargs) -> None:
        """A signal receiver: a new version now (this transaction's own later reads, and a
        test's, which never commits) and again once the transaction commits (a reader on
        another connection that read the old rows in between)."""
        self.bump()
        transaction.on_commit(self.bump)


class ProcessTable:
    """Values kept in this process under a key that carries a version: an LRU of
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
