"""Redis down: the cache turns into misses and pages keep working."""

import time

import pytest
from django.core.cache import caches

from catalog.selectors import occupation_names

pytestmark = pytest.mark.django_db

DEAD_REDIS = {"default": {"BACKEND": "config.cache.TolerantRedisCache",
                          "LOCATION": "redis://127.0.0.1:1/0",
                          "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}


@pytest.fixture
def dead_cache(settings):
    settings.CACHES = DEAD_REDIS  # Django's setting_changed handler rebuilds the cache handler
    yield caches["default"]


def test_a_dead_redis_cache_answers_misses_quickly(dead_cache):
    started = time.monotonic()
    assert dead_cache.get("k", "fallback") == "fallback"
    assert dead_cache.set("k", 1) is None
    assert dead_cache.get_many(["a", "b"]) == {}
    assert time.monotonic() - started < 8


def test_pages_work_while_redis_is_down(dead_cache, client, alice):
    client.force_login(alice)
    assert client.get("/").status_code == 200
    assert len(occupation_names()) >= 1630
    r = client.get("/catalog/occupations/", {"q": "车工"})
    assert r.status_code == 200 and "6-18-01-01" in r.content.decode()
