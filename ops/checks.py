"""What /readyz asks (issue 19 §5), each question a function that raises when the answer is no.

The checks run at once, each in its own thread, and the answer is given after CHECK_SECONDS
whatever is still waiting (that check is "timeout"): a dependency that hangs cannot hang the
probe. A check still waiting from an earlier probe is not started again, so a hanging
dependency holds at most one thread per check and process."""

import logging
import shutil
import tempfile
import threading
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from . import heartbeat
from .redis_client import client

CHECK_SECONDS = 1.5
log = logging.getLogger(__name__)


class Skipped(Exception):
    """Not used in this configuration (no Redis: Celery runs tasks in-process)."""


class Failed(Exception):
    """The dependency answered, and the answer is no."""


def _connection():
    conn = connections.create_connection(DEFAULT_DB_ALIAS)
    if conn.vendor == "postgresql":
        conn.settings_dict = {**conn.settings_dict, "OPTIONS": {
            **conn.settings_dict.get("OPTIONS", {}), "connect_timeout": 1}}
    return conn


def database():
    conn = _connection()
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1")
    finally:
        conn.close()


_migrated = threading.Event()  # once the schema is current it stays so: migrate only adds


def migrations():
    if _migrated.is_set():
        return
    conn = _connection()
    try:
        executor = MigrationExecutor(conn)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    finally:
        conn.close()
    if pending:
        raise Failed(f"{len(pending)} pending")
    _migrated.set()


def _redis_url() -> str:
    if not settings.REDIS_URL:
        raise Skipped
    return settings.REDIS_URL


def redis():
    client(_redis_url()).ping()


def worker():
    if not heartbeat.alive(_redis_url()):
        raise Failed("no heartbeat")


def storage():
    name = default_storage.save(f"ops/readyz-{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    default_storage.delete(name)


def disk_usage() -> dict:
    """The disks the app writes to: private files, and temporary files (renders, packages)."""
    usage = {}
    for label, path in (("private_media", Path(settings.PRIVATE_MEDIA_ROOT)),
                        ("tmp", Path(tempfile.gettempdir()))):
        while not path.exists():  # not made yet: the disk it will be made on
            path = path.parent
        usage[label] = shutil.disk_usage(path)
    return usage


def disk():
    if any(u.free < settings.READYZ_DISK_MIN_FREE_MB * 2**20 for u in disk_usage().values()):
        raise Failed("low")


CHECKS = {"database": database, "migrations": migrations, "redis": redis, "worker": worker,
          "storage": storage, "disk": disk}
_inflight: dict[str, threading.Thread] = {}
_lock = threading.Lock()


def _run(name, check, results):
    started = time.monotonic()
    try:
        check()
        result = {"status": "ok"}
    except Skipped:
        result = {"status": "skipped"}
    except Exception as exc:  # every failure is a red check, never a 500
        log.warning("readyz %s failed: %r", name, exc)
        detail = str(exc) if isinstance(exc, Failed) else exc.__class__.__name__
        result = {"status": "fail", "error": detail}
    finally:
        connections.close_all()  # this thread's own (the migration recorder queries by alias)
    result["ms"] = round((time.monotonic() - started) * 1000)
    results[name] = result


def run(checks=CHECKS, seconds: float = CHECK_SECONDS) -> dict[str, dict]:
    """Per-check result: status ok / skipped / fail / timeout. No answer names a person, a host
    or a password: the error is a word or an exception's class name (the log has the rest)."""
    results: dict[str, dict] = {}
    started = {}
    with _lock:
        for name, check in checks.items():
            if name in _inflight and _inflight[name].is_alive():
                continue
            thread = threading.Thread(target=_run, args=(name, check, results), daemon=True,
                                      name=f"readyz-{name}")
            _inflight[name] = started[name] = thread
            thread.start()
    deadline = time.monotonic() + seconds
    for thread in started.values():
        thread.join(max(0.0, deadline - time.monotonic()))
    return {name: results.get(name, {"status": "timeout"}) for name in checks}
