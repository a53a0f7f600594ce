"""The processes of a run: manage.py steps, gunicorn, a celery worker; peak memory from /proc."""

import os
import signal
import socket
import subprocess
import sys
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


def cpu_seconds(marker: str) -> float:
    """User + system CPU seconds used so far by every process whose command line contains
    `marker` (e.g. "gunicorn", "postgres"), from /proc, including their ended children (a
    PostgreSQL backend that exits hands its time to the postmaster's cutime/cstime)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                if marker.encode() not in fh.read():
                    continue
            with open(f"/proc/{pid}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            total += sum(int(f) for f in fields[11:15]) / tick
        except (OSError, IndexError, ValueError):
            continue  # the process ended meanwhile
    return total


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
                   "GUNICORN_LOGLEVEL": "warning"}, log)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if svc.proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited; see {log}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/hello/",  # noqa: S310
                                        timeout=5) as r:
                if r.status == 200:
                    return svc
        except OSError:
            time.sleep(0.5)
    svc.stop()
    raise RuntimeError("gunicorn did not answer within 90 s")


def celery_worker(env: dict, log: Path) -> Service:
    return Service([PY, "-m", "celery", "-A", "config", "worker", "--concurrency", "1",
                    "--loglevel", "WARNING", "--without-gossip", "--without-mingle",
                    "--without-heartbeat"], env, log)
