"""The Celery worker's heartbeat (issue 19 §5): every worker stamps its name and the time into
one Redis sorted set every INTERVAL seconds from its main loop (a worker whose loop is stuck
stops stamping, as does a dead one); /readyz is green while some worker stamped within TTL.

The compose healthcheck of a worker asks for its own stamp without loading Django:
`python -m ops.heartbeat celery@$HOSTNAME` (exit 0 when fresh)."""

import logging
import os
import sys
import time

from celery import bootsteps
from redis.exceptions import RedisError

from .redis_client import client

KEY = "ops:worker-heartbeats"
INTERVAL = 2
TTL = 6  # three missed stamps: /readyz turns red within TTL + one probe of a worker stopping
log = logging.getLogger(__name__)


def stamp(url: str, name: str, now: float | None = None) -> None:
    now = time.time() if now is None else now
    pipe = client(url).pipeline()
    pipe.zadd(KEY, {name: now})
    pipe.zremrangebyscore(KEY, "-inf", now - 3600)  # names of workers gone for an hour
    pipe.execute()


def alive(url: str) -> int:
    """How many workers stamped within TTL."""
    return client(url).zcount(KEY, time.time() - TTL, "+inf")


def age(url: str, name: str) -> float | None:
    score = client(url).zscore(KEY, name)
    return None if score is None else time.time() - score


class Heartbeat(bootsteps.StartStopStep):
    """Added to the worker's blueprint in config/celery.py."""

    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs):
        super().__init__(worker, **kwargs)
        self.tref = None

    def start(self, worker):
        from django.conf import settings

        self.url, self.name = settings.REDIS_URL, worker.hostname
        if self.url:
            self._beat()
            self.tref = worker.timer.call_repeatedly(INTERVAL, self._beat, priority=10)

    def stop(self, worker):
        if self.tref is not None:
            self.tref.cancel()
            self.tref = None
            try:
                client(self.url).zrem(KEY, self.name)  # a clean stop is known at once
            except RedisError:
                pass

    def _beat(self):
        try:
            stamp(self.url, self.name)
        except RedisError as exc:
            log.warning("worker heartbeat not stamped: %s", exc.__class__.__name__)


if __name__ == "__main__":  # the container healthcheck
    seconds = age(os.environ["REDIS_URL"], sys.argv[1])
    sys.exit(0 if seconds is not None and seconds < TTL else 1)
