"""/healthz and /readyz in this process (issue 19 §5): liveness touches no database, readiness
answers per check and in time when a dependency hangs; both are answered before the host check,
the TLS redirect, the session and the second factor. Stopping the real services:
tests/test_ops_readyz_live.py."""

import socket
import time
from contextlib import closing

import pytest

from ops import checks


def test_healthz_answers_without_database_or_session(client, settings):
    # no django_db mark: any query would raise; a host no setting allows, TLS required
    settings.ALLOWED_HOSTS, settings.SECURE_SSL_REDIRECT = ["example.org"], True
    r = client.get("/healthz", HTTP_HOST="127.0.0.1:8000")
    assert (r.status_code, r.json()) == (200, {"status": "ok"})
    assert "sessionid" not in r.cookies and "Set-Cookie" not in r.headers


@pytest.mark.django_db
def test_readyz_is_green_per_check_without_redis(client, settings):
    settings.REDIS_URL = ""  # Celery in-process: no broker, no worker to ask
    r = client.get("/readyz", HTTP_HOST="127.0.0.1:8000")
    body = r.json()
    assert r.status_code == 200 and body["status"] == "ok"
    assert {k: v["status"] for k, v in body["checks"].items()} == {
        "database": "ok", "migrations": "ok", "redis": "skipped", "worker": "skipped",
        "storage": "ok", "disk": "ok"}
    assert not list((settings.PRIVATE_MEDIA_ROOT / "ops").iterdir())  # the probe file is gone


@pytest.mark.django_db
def test_readyz_is_red_when_no_worker_stamped(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:6379/9"
    from ops import heartbeat
    from ops.redis_client import client as redis

    redis(settings.REDIS_URL).delete(heartbeat.KEY)
    r = client.get("/readyz")
    assert r.status_code == 503 and r.json()["checks"]["worker"] == {
        "status": "fail", "error": "no heartbeat", "ms": r.json()["checks"]["worker"]["ms"]}
    heartbeat.stamp(settings.REDIS_URL, "celery@test")
    assert client.get("/readyz").status_code == 200
    heartbeat.stamp(settings.REDIS_URL, "celery@test", now=time.time() - heartbeat.TTL - 1)
    assert client.get("/readyz").json()["checks"]["worker"]["status"] == "fail"


@pytest.mark.django_db
def test_readyz_answers_in_time_when_redis_hangs(client, settings):
    """A server that accepts the connection and never answers (a hung Redis)."""
    with closing(socket.socket()) as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        settings.REDIS_URL = f"redis://127.0.0.1:{silent.getsockname()[1]}/0"
        started = time.monotonic()
        r = client.get("/readyz")
        took = time.monotonic() - started
        states = {k: v["status"] for k, v in r.json()["checks"].items()}
    assert r.status_code == 503 and took < 2.0
    assert states["redis"] in ("fail", "timeout") and states["database"] == "ok"
    assert "127.0.0.1" not in r.content.decode()  # no address, no password in the answer


@pytest.mark.django_db
def test_a_check_still_hanging_is_not_started_twice():
    starts, release = [], []

    def hangs():
        starts.append(1)
        while not release:
            time.sleep(0.01)

    first = checks.run({"slow": hangs}, seconds=0.1)
    second = checks.run({"slow": hangs}, seconds=0.1)
    release.append(True)
    checks._inflight["slow"].join(1)
    third = checks.run({"slow": hangs}, seconds=1)
    assert first == second == {"slow": {"status": "timeout"}}
    assert third["slow"]["status"] == "ok" and len(starts) == 2


def test_probes_are_exempt_from_login_and_second_factor(client, settings):
    settings.METRICS_TOKEN = "t" * 32
    r = client.get("/metrics")  # refused by the token, not redirected to the login page
    assert r.status_code == 401 and "Location" not in r.headers
