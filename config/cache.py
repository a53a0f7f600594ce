"""A Redis cache that degrades to a miss when Redis is unreachable, so pages keep working."""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

# redis-py's own exceptions do not all derive from OSError
_FAILS = (OSError, ConnectionError, TimeoutError, RedisError)


class ReusedClientRedisCacheClient(RedisCacheClient):
    """One redis.Redis per connection pool, made once, instead of Django's new one for every
    cache call: making one copies redis-py's table of ~200 response callbacks, a fifth of the
    Python calls of an autosave (issue 20; four cache reads a request). A redis.Redis is
    thread-safe and its pool re-opens its connections in a forked child."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if pool not in self._clients:   # two threads at once make two; one of them is kept
            self._clients[pool] = self._client(connection_pool=pool)
        return self._clients[pool]


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def _safe(self, name, default, *args, **kwargs):
        try:
            return getattr(super(), name)(*args, **kwargs)
        except _FAILS as exc:
            log.warning("cache %s failed, treated as a miss: %s", name, exc)
            return default

    def get(self, key, default=None, version=None):
        return self._safe("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._safe("get_many", {}, keys, version)

    def set(self, *args, **kwargs):
        return self._safe("set", None, *args, **kwargs)

    def add(self, *args, **kwargs):
        return self._safe("add", False, *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._safe("set_many", [], *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._safe("delete", False, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._safe("delete_many", None, *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._safe("incr", None, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._safe("touch", False, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._safe("has_key", False, *args, **kwargs)
