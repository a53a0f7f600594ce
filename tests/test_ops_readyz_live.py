"""/readyz against real services that stop (issue 19, Done when): a private PostgreSQL cluster,
a throwaway Redis and a real Celery worker behind gunicorn as in production (config/gunicorn.py,
DJANGO_DEBUG=0, two worker processes, TLS required, a host list that does not name 127.0.0.1).
Each service is stopped: /readyz turns red within 10 s, naming the check, and green again after
the service is back. The shared services on 5432/6379 are never touched."""

import base64
import json
import os
import signal
import subprocess
import sys
import time

import pytest
import requests
from django.conf import settings
from django.db import connection

from ops.middleware import log as request_log

from .faults_support import (
    ROOT,
    CeleryWorker,
    PostgresCluster,
    RedisServer,
    free_port,
    stop_process,
    wait_for,
)
from .test_ops_metrics import sample

# django_db: without a test that asks for the database, pytest-django creates no test database
# and the fixture below would copy the unmigrated development database (run alone: "85 pending").
pytestmark = [pytest.mark.services, pytest.mark.django_db]
TOKEN = "live-metrics-token-0123456789abcdef"
RED_WITHIN = 10
HOST = {"Host": "example.org", "X-Forwarded-Proto": "https"}
REQUEST_LOGGER = request_log.name


class Site:
    def __init__(self, base):
        self.cluster, self.redis = PostgresCluster(), RedisServer()
        self.base, self.port, self.server, self.worker = base, free_port(), None, None
        self.url = f"http://127.0.0.1:{self.port}"
        (base / "prom").mkdir()
        self.env = {
            **os.environ, "DATABASE_URL": self.cluster.url("skill"), "DATABASE_OWNER_URL": "",
            "REDIS_URL": self.redis.url, "DJANGO_SECRET_KEY": "readyz-" + "x" * 50,
            "FIELD_ENCRYPTION_KEY": base64.urlsafe_b64encode(os.urandom(32)).decode(),
            "PRIVATE_MEDIA_ROOT": str(base / "private"), "DJANGO_ALLOWED_HOSTS": "example.org",
            "DJANGO_SECURE": "1", "DJANGO_DEBUG": "0", "METRICS_TOKEN": TOKEN,
            "PROMETHEUS_MULTIPROC_DIR": str(base / "prom"), "PYTHONUNBUFFERED": "1",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_WORKERS": "2",
            "GUNICORN_THREADS": "2", "GUNICORN_ACCESSLOG": ""}

    def start(self, schema: dict):
        self.cluster.init().start()
        self.cluster.createdb("skill")
        self.redis.start()
        copy_database(schema, self.cluster.url("skill"))
        self.log = self.base / "gunicorn.log"
        with self.log.open("wb") as log:
            self.server = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
        wait_for(lambda: self.probe("/healthz")[0] == 200, 60, "gunicorn to answer")
        for _ in range(4):  # each worker thread's first page imports the URL conf (seconds)
            requests.get(self.url + "/login/", headers=HOST, timeout=60)
        self.start_worker()
        return self

    def start_worker(self):
        self.worker = CeleryWorker(self.env, self.base / "worker.log").start(timeout=90)

    def stop(self):
        for proc in (self.worker, self.server and _Proc(self.server)):
            if proc is not None:
                proc.stop()
        self.redis.stop()
        self.cluster.remove()

    def probe(self, path="/readyz"):
        try:
            r = requests.get(self.url + path, timeout=30)
        except (requests.ConnectionError, requests.Timeout):
            return None, {}
        return r.status_code, r.json()

    def checks(self) -> dict:
        return {k: v["status"] for k, v in self.probe()[1].get("checks", {}).items()}

    def red_within(self, check: str) -> float:
        """Seconds until /readyz is 503 with `check` red (asserting it is within RED_WITHIN)."""
        started = time.monotonic()
        wait_for(lambda: self.probe()[0] == 503 and self.checks()[check] != "ok",
                 RED_WITHIN, f"/readyz to turn red on {check}", interval=0.25)
        return time.monotonic() - started

    def green(self, timeout=90):
        wait_for(lambda: self.probe()[0] == 200, timeout, "/readyz to turn green", interval=0.5)


class _Proc:
    def __init__(self, proc):
        self.proc = proc

    def stop(self):
        stop_process(self.proc)


def copy_database(source: dict, target_url: str):
    """The migrated test database, copied into the private cluster (seconds, where migrating
    from scratch takes minutes on a busy machine)."""
    roles = settings.DATABASE_ROLES.get("owner", source)
    url = (f"postgres://{roles['USER']}:{roles['PASSWORD']}@{source['HOST'] or '127.0.0.1'}:"
           f"{source['PORT'] or 5432}/{source['NAME']}")
    dump = subprocess.run(["pg_dump", "-Fc", url], check=True, capture_output=True, timeout=120)
    subprocess.run(["pg_restore", "--no-owner", "--no-acl", "-d", target_url], input=dump.stdout,
                   check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def site(django_db_setup, tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("readyz"))
    try:
        yield site.start(connection.settings_dict)
    finally:
        site.stop()


def test_readyz_is_green_and_probes_skip_host_tls_and_login(site):
    site.green()
    assert site.checks() == {"database": "ok", "migrations": "ok", "redis": "ok",
                             "worker": "ok", "storage": "ok", "disk": "ok"}
    assert site.probe("/healthz") == (200, {"status": "ok"})
    # every other page on this address is refused by the host check (DJANGO_ALLOWED_HOSTS)
    assert requests.get(site.url + "/login/", timeout=30).status_code == 400


def _heartbeat_fresh(site, name) -> bool:
    return subprocess.run([sys.executable, "-m", "ops.heartbeat", name], cwd=ROOT,
                          env=site.env, timeout=30).returncode == 0


def test_readyz_turns_red_when_the_worker_dies_and_green_when_one_starts(site):
    site.green()
    from redis import Redis

    from ops import heartbeat
    [name] = [n.decode() for n in Redis.from_url(site.redis.url).zrange(heartbeat.KEY, 0, -1)]
    assert _heartbeat_fresh(site, name)  # the worker container's healthcheck
    site.worker.kill()  # SIGKILL: no clean goodbye, only the missing heartbeat tells
    assert site.red_within("worker") <= RED_WITHIN
    assert site.checks()["database"] == "ok" and not _heartbeat_fresh(site, name)
    assert sample(_scrape(site), "skill_celery_workers_alive") == 0
    site.start_worker()
    site.green()
    assert sample(_scrape(site), "skill_celery_workers_alive") == 1


def _scrape(site) -> str:
    r = requests.get(site.url + "/metrics", headers={"Authorization": f"Bearer {TOKEN}"},
                     timeout=30)
    assert r.status_code == 200
    return r.text


def test_readyz_turns_red_when_redis_stops_and_green_when_it_is_back(site):
    site.green()
    site.redis.stop()
    assert site.red_within("redis") <= RED_WITHIN
    assert site.checks()["worker"] != "ok"  # no heartbeat can be read or written
    site.redis.start()
    site.green()  # the worker reconnects and stamps again


def test_readyz_turns_red_when_postgresql_stops_and_green_when_it_is_back(site):
    site.green()
    site.cluster.stop("fast")
    assert site.red_within("database") <= RED_WITHIN
    assert site.probe("/healthz") == (200, {"status": "ok"})  # liveness does not restart web
    assert (_container_probe(site, "/healthz"), _container_probe(site, "/readyz")) == (0, 1)
    site.cluster.start()
    site.green()
    assert _container_probe(site, "/readyz") == 0


def _container_probe(site, path) -> int:
    """The compose healthcheck's command (docker-compose.yml web)."""
    return subprocess.run([sys.executable, "-m", "ops.probe", path], cwd=ROOT, env=site.env,
                          timeout=30).returncode


def test_readyz_answers_in_time_while_postgresql_hangs(site):
    site.green()
    postmaster = int((site.cluster.dir / "postmaster.pid").read_text().split()[0])
    os.kill(postmaster, signal.SIGSTOP)  # accepts connections, answers nothing
    try:
        started = time.monotonic()
        code, body = site.probe()
        took = time.monotonic() - started
    finally:
        os.kill(postmaster, signal.SIGCONT)
    assert code == 503 and took < 2.5
    assert body["checks"]["database"]["status"] in ("fail", "timeout")
    assert body["checks"]["redis"]["status"] == "ok"
    site.green()


def test_metrics_add_up_the_gunicorn_workers_and_the_log_is_json(site):
    site.green()
    name, labels = "skill_http_request_duration_seconds_count", {"view": "login", "method": "GET"}
    before = sample(_scrape(site), name, **labels)
    for i in range(6):
        r = requests.get(site.url + "/login/", headers={**HOST, "X-Request-ID": f"live-{i:04d}"},
                         timeout=30)
        assert r.status_code == 200 and r.headers["X-Request-ID"] == f"live-{i:04d}"
    assert sample(_scrape(site), name, **labels) - before == 6
    assert requests.get(site.url + "/metrics", timeout=30).status_code == 401
    lines = [json.loads(line) for line in site.log.read_text().splitlines()
             if line.startswith("{") and '"live-0003"' in line]
    # The request's own line; another logger may log under the same id (a cache call that timed
    # out on a loaded machine is a WARNING of config.cache), but never an error.
    requests_logged = [d for d in lines if d["logger"] == REQUEST_LOGGER]
    assert [(d["view"], d["status"], d["user_id"]) for d in requests_logged] == [
        ("login", 200, None)], lines
    assert not [d for d in lines if d["level"] in ("ERROR", "CRITICAL")], lines
