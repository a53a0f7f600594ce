"""The one Redis client of the probes and the worker heartbeat: short timeouts, so a Redis that
hangs costs a probe one second, never a request."""

import functools

import redis as redis_py

TIMEOUT_SECONDS = 1


@functools.cache
def client(url: str) -> redis_py.Redis:
    # redis-py's pool notices a fork and opens new connections in the child
    return redis_py.Redis.from_url(url, socket_timeout=TIMEOUT_SECONDS,
                                   socket_connect_timeout=TIMEOUT_SECONDS)
