"""The processes of a run: manage.py steps, gunicorn, a celery worker; peak memory from /proc."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from .env import ROOT

PY = sys.executable


def step(args: list[str], env: dict, *, timeout: int = 600, quiet: bool = True) -> float:
    """Run one command to completion; returns its wall time. Raises on failure."""
    started = time.monotonic()
    res = subprocess.run(args, env=env, cwd=ROOT, timeout=timeout,  # noqa: S603
                         capture_output=quiet, text=True)
    if res.returncode != 0:
        tail = ((res.stdout or "") + (res.stderr or ""))[-3000:] if quiet else ""
        raise RuntimeError(f"{' '.join(args[:4])} … failed ({res.returncode})\n{tail}")
    return time.monotonic() - started


def manage(*args: str, env: dict, timeout: int = 600) -> float:
    return step([PY, "manage.py", *args], env, timeout=timeout)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> list[int]:
    out = []
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                stat = (p / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(p.name))
    return out


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the process's peak resident set size so far."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _cpu_of(pid: int, with_ended_children: bool = True) -> float | None:
    """User + system CPU seconds of one process from /proc/PID/stat (plus those of its ended,
    waited-for children: a gunicorn worker that was replaced hands its time to the master)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return None  # the process ended meanwhile
    used = fields[11:15] if with_ended_children else fields[11:13]
    return sum(int(f) for f in used) / os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds so far of the process `pid` and of its descendants (gunicorn's master and
    workers, celery's main process and its pool child): only the processes the bench started,
    never another job's server with the same command line."""
    total, todo, seen = 0.0, [pid], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        used = _cpu_of(p)
        if used is not None:
            total += used
            todo.extend(children(p))
    return total


class BackendCpu:
    """CPU of the PostgreSQL backends that serve one database (the bench's), by their pids in
    pg_stat_activity: other databases' backends and the postmaster (whose cutime holds every
    ended backend of every database on the server) are not counted. Sampled every `every`
    seconds while running, so a backend that ends during a run counts up to its last sample;
    the bench keeps its connections open (DB_CONN_MAX_AGE), so that is rare. The sampling
    connection itself is to the maintenance database "postgres", not counted."""

    def __init__(self, admin_url: str, database: str, every: float = 0.5):
        self.admin_url, self.database, self.every = admin_url, database, every
        self._start: dict[int, float] = {}
        self._last: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _pids(self, conn) -> list[int]:
        rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s",
                            (self.database,)).fetchall()
        return [r[0] for r in rows]

    def _sample(self, conn, first: bool = False) -> None:
        for pid in self._pids(conn):
            used = _cpu_of(pid, with_ended_children=False)
            if used is None:
                continue
            if first:
                self._start[pid] = used
            elif pid not in self._start and pid not in self._last:
                self._start[pid] = 0.0  # a backend born during the run: all of it is ours
            self._last[pid] = used

    def _loop(self) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            self._sample(conn, first=True)
            self._ready.set()
            while not self._stop.wait(self.every):
                self._sample(conn)
            self._sample(conn)

    def __enter__(self) -> "BackendCpu":
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)

    def seconds(self) -> float:
        """CPU seconds the database's backends used between __enter__ and __exit__."""
        return sum(max(0.0, used - self._start.get(pid, 0.0))
                   for pid, used in self._last.items())


def wait_quiet(pids: list[int], *, idle: float = 0.05, window: float = 1.0,
               timeout: float = 120.0) -> float:
    """Wait until the process trees `pids` use less than `idle` CPU seconds in `window` seconds
    (a celery worker that has finished importing and preloading, gunicorn workers that are
    up): the bare view is then measured with nothing else starting. Returns the seconds waited."""
    started = time.monotonic()
    before = sum(tree_cpu_seconds(p) for p in pids)
    while time.monotonic() - started < timeout:
        time.sleep(window)
        now = sum(tree_cpu_seconds(p) for p in pids)
        if now - before < idle:
            break
        before = now
    return time.monotonic() - started


class Service:
    def __init__(self, args: list[str], env: dict, log: Path):
        self.log = open(log, "w")  # noqa: SIM115
        self.proc = subprocess.Popen(args, env=env, cwd=ROOT, stdout=self.log,  # noqa: S603
                                     stderr=subprocess.STDOUT, start_new_session=True)

    def peak(self) -> dict:
        """Peak RSS (MB) of the master and of each child (the workers)."""
        kids = children(self.proc.pid)
        worker = [peak_rss_mb(k) for k in kids]
        return {"master": round(peak_rss_mb(self.proc.pid), 1), "workers": len(kids),
                "worker_max": round(max(worker, default=0), 1),
                "workers_total": round(sum(worker), 1)}

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.log.close()


def gunicorn(env: dict, port: int, workers: int, log: Path, threads: int = 4) -> Service:
    """The production gunicorn settings (config/gunicorn.py) on loopback, without access log."""
    svc = Service([PY, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi:application"],
                  {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers),
                   "GUNICORN_THREADS": str(threads), "GUNICORN_ACCESSLOG": "",
                   "GUNICORN_LOGLEVEL": "info"}, log)
    return wait_answering(svc, f"http://127.0.0.1:{port}/bench/hello/", seconds=90,
                          what=f"gunicorn (see {log})")


def wait_answering(svc: "Service", url: str, *, seconds: int, what: str) -> "Service":
    """`svc` once `url` answers 200; stopped and an error naming `what` when its process ends
    or nothing answers within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if svc.proc.poll() is not None:
            raise RuntimeError(f"{what} exited")
        try:
            with urllib.request.urlopen(url, timeout=5) as r:  # noqa: S310 - loopback only
                if r.status == 200:
                    return svc
        except OSError:
            time.sleep(0.5)
    svc.stop()
    raise RuntimeError(f"{what} did not answer within {seconds} s")


def celery_worker(env: dict, log: Path) -> Service:
    return Service([PY, "-m", "celery", "-A", "config", "worker", "--concurrency", "1",
                    "--loglevel", "WARNING", "--without-gossip", "--without-mingle",
                    "--without-heartbeat"], env, log)
