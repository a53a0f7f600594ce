"""Fixtures of the real-service tests (loaded with `pytest_plugins`): a private Redis this
process publishes to, Celery workers on the live test database, a filled 附件3 application."""

from pathlib import Path

import pytest
from django.db import connection

from catalog.loader import load_occupations
from catalog.models import Occupation
from documents.samples import fill_application

from .factories import ApplicationFactory, occupation
from .faults_support import CeleryWorker, RedisServer, point_celery_at, worker_env


@pytest.fixture
def broker():
    """A throwaway redis-server; this process publishes Celery messages to it."""
    redis = RedisServer().start()
    undo = point_celery_at(redis.url)
    try:
        yield redis
    finally:
        undo()
        redis.stop()


@pytest.fixture
def live_db(transactional_db):
    """Committed rows that a worker process can see (the flush of a transactional test
    empties the catalogue loaded by the data migration, so reload it)."""
    if not Occupation.objects.exists():
        load_occupations(Occupation)
    return connection.settings_dict


@pytest.fixture
def media_root(settings) -> Path:
    return Path(settings.STORAGES["default"]["OPTIONS"]["location"])


@pytest.fixture
def start_worker(live_db, broker, media_root, tmp_path):
    """Start Celery workers on the live test database and the private broker; all of them
    are stopped (the whole process group) at the end, whatever happened."""
    workers = []

    def start(redis_url: str | None = None, **env) -> CeleryWorker:
        w = CeleryWorker(worker_env(live_db, redis_url or broker.url, media_root, **env),
                         tmp_path / "worker.log")
        workers.append(w)
        return w.start()

    try:
        yield start
    finally:
        for w in workers:
            w.stop()


@pytest.fixture
def base_application(live_db, call, unit_a, alice):
    """附件3 of unit A, every section filled, two specialities, long texts."""
    app = ApplicationFactory(call=call, unit=unit_a, created_by=alice, reference="2025-JD-0042")
    fill_application(app, occupations=[occupation("6-18-01-01"), occupation("6-18-02-04")],
                     paragraphs=1)
    return app

