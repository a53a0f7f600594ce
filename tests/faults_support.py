"""Real services for the fault tests: a throwaway Redis, a Celery worker process, a private
PostgreSQL cluster — each on its own port, started and stopped by the test that uses it (the
shared services on 5432/6379 are never touched)."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def free_port() -> int:
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def _port_open(port: int) -> bool:
    with closing(socket.socket()) as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def stop_process(proc: subprocess.Popen, timeout: float = 10):
    """SIGTERM the process group we started, SIGKILL what is left after `timeout`."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)
    _reap_group(proc.pid)


def _reap_group(pgid: int):
    try:  # children that outlived their parent keep the group id
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


class RedisServer:
    """redis-server on a free port, no persistence (a restart loses the queue, as in the worst
    case of production)."""

    def __init__(self):
        self.port = free_port()
        self.proc = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.proc = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
             "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        wait_for(lambda: _port_open(self.port), 10, "redis to listen")
        return self

    def stop(self):
        if self.proc is not None:
            stop_process(self.proc)
            self.proc = None


def child_pids(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


class CeleryWorker:
    """`celery -A config worker` as a separate process, with the test database and media."""

    def __init__(self, env: dict, log: Path):
        self.env, self.log, self.proc = env, log, None

    def start(self, timeout: float = 90):
        self.log.parent.mkdir(parents=True, exist_ok=True)
        offset = self.log.stat().st_size if self.log.exists() else 0
        fh = self.log.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "-l", "INFO",
             "-c", "1", "-P", "prefork", "--without-gossip", "--without-mingle",
             "--without-heartbeat", "-n", f"faults-{os.getpid()}-{time.monotonic_ns()}@%h"],
            cwd=ROOT, env={**os.environ, **self.env}, stdout=fh, stderr=subprocess.STDOUT,
            start_new_session=True)
        fh.close()
        wait_for(lambda: self._ready(offset), timeout, f"the worker to be ready ({self.log})",
                 interval=0.25)
        return self

    def _ready(self, offset: int) -> bool:
        if self.proc.poll() is not None:
            raise AssertionError(f"worker exited: {self.log.read_text()[-3000:]}")
        with self.log.open("rb") as fh:
            fh.seek(offset)
            return b"ready." in fh.read()

    def kill(self):
        """SIGKILL the whole worker (main process and pool) — a machine losing power."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)
        self.proc = None

    def pool_children(self) -> list[int]:
        return child_pids(self.proc.pid)

    def stop(self):
        if self.proc is not None:
            stop_process(self.proc)
            self.proc = None


def worker_env(database: dict, redis_url: str, media_root: Path, **extra) -> dict:
    """The environment of a worker that sees the live test database and the test's storage."""
    db = (f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST'] or '127.0.0.1'}"
          f":{database['PORT'] or 5432}/{database['NAME']}")
    # the app's own role only, as a production worker (no owner login: issue 14 §3)
    return {"DATABASE_URL": db, "DATABASE_OWNER_URL": "", "REDIS_URL": redis_url,
            "PRIVATE_MEDIA_ROOT": str(media_root), "DJANGO_DEBUG": "1", "PYTHONUNBUFFERED": "1",
            **extra}


def kill_mid_run(script: str, started, what: str, *, database: dict, media_root: Path,
                 log_dir: Path):
    """Run `script` as a web process would in-process mode (no Redis), wait until `started()`
    returns the object it is working on, kill the process with SIGKILL (an OOM kill, a restart)
    and return that object as it stood just before."""
    env = {**os.environ, **worker_env(database, "", media_root), "REDIS_URL": ""}
    log_path = log_dir / "web.log"
    with log_path.open("wb") as log:
        web = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env=env, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)
        try:
            obj = wait_for(started, 90, what, interval=0.05)
            os.killpg(web.pid, signal.SIGKILL)
            web.wait(10)
        finally:
            stop_process(web)
    assert web.returncode == -signal.SIGKILL, log_path.read_text()[-3000:]
    return obj


def point_celery_at(broker_url: str):
    """Make this process publish to `broker_url` (instead of settings.REDIS_URL) and really
    publish (no eager mode); returns a function that undoes it."""
    from config.celery import app

    before = {k: app.conf[k] for k in ("broker_url", "task_always_eager")}

    def apply(values):
        for key, value in values.items():
            app.conf[key] = value
        app._after_fork()  # drop the cached connection and producer pools

    apply({"broker_url": broker_url, "task_always_eager": False})
    return lambda: apply(before)


class PostgresCluster:
    """A private PostgreSQL 15 cluster in a temporary directory (initdb as user postgres, since
    the tests run as root), so the tests can stop and restart it."""

    def __init__(self):
        # its own directory under /tmp: pytest's tmp_path (mode 700, root) is closed to postgres
        base = Path(tempfile.mkdtemp(prefix="faults-pg-"))
        self.dir, self.sock, self.port = base / "pgdata", base / "pgsock", free_port()

    def _as_postgres(self, *args, check=True, timeout=60):
        cmd = [str(a) for a in args]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=timeout)

    def init(self):
        for d in (self.dir.parent, self.sock):
            d.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(d, "postgres", "postgres")
        self._as_postgres(PG_BIN / "initdb", "-D", self.dir, "-U", "skill", "-A", "trust",
                          "-E", "UTF8", "--locale", "C.UTF-8", "--no-sync")
        return self

    def start(self):
        opts = f"-p {self.port} -k {self.sock} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._as_postgres(PG_BIN / "pg_ctl", "-D", self.dir, "-o", opts, "-w", "-t", "30",
                          "-l", self.dir.parent / "pg.log", "start")
        return self

    def stop(self, mode: str = "fast"):
        self._as_postgres(PG_BIN / "pg_ctl", "-D", self.dir, "-m", mode, "-w", "-t", "30",
                          "stop", check=False)

    def remove(self):
        self.stop("immediate")
        shutil.rmtree(self.dir.parent, ignore_errors=True)

    def url(self, name: str) -> str:
        return f"postgres://skill:skill@127.0.0.1:{self.port}/{name}"

    def createdb(self, name: str):
        subprocess.run([PG_BIN / "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U",
                        "skill", name], check=True, capture_output=True, timeout=30)


def wait_for_job(job_id: int, statuses, timeout: float):
    from documents.models import RenderJob

    return wait_for(lambda: RenderJob.objects.filter(pk=job_id, status__in=statuses).first(),
                    timeout, f"render job {job_id} to reach {statuses}", interval=0.05)


def worker_log(tmp_path: Path) -> str:
    log = tmp_path / "worker.log"
    return log.read_text(errors="replace")[-4000:] if log.exists() else ""

