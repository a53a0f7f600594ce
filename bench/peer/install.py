"""pretalx in its own virtualenv under var/peer/ (git-ignored), never in our environment.

Each step runs once and is skipped when its result is there (a marker file in var/peer/): the
virtualenv with pretalx from PyPI, the database peer_pretalx (created by the superuser role of
TEST_DATABASE_URL) migrated, its static files built (`pretalx rebuild`: compilemessages,
collectstatic and its Vite frontend, whose `npm ci` fetches pretalx's own npm packages).
The config file is written every run (it carries the port and the database URL).
"""

import os
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

from ..env import ROOT

PEER = ROOT / "var" / "peer"
VENV = PEER / "venv"
PYTHON = VENV / "bin" / "python"
CONFIG = PEER / "pretalx.cfg"
DATABASE = "peer_pretalx"
PRETALX = os.environ.get("BENCH_PEER_PRETALX", "pretalx[postgres]==2025.2.2")
# The same gunicorn as ours (uv.lock) and pretalx's Redis client for its cache and sessions.
EXTRA = ("gunicorn==27.0.1", "redis")


def log(msg: str) -> None:
    print(f"[bench-peer {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def _run(args: list, env: dict | None = None, timeout: int = 900) -> float:
    started = time.monotonic()
    with open(PEER / "install.log", "a") as out:
        subprocess.run([str(a) for a in args], cwd=PEER, env=env, stdout=out,  # noqa: S603
                       stderr=subprocess.STDOUT, timeout=timeout, check=True)
    return time.monotonic() - started


def write_config(admin_url: str, redis_url: str, port: int) -> None:
    db = urlsplit(admin_url)
    CONFIG.write_text(f"""# written by bench/peer/install.py for make bench-peer
[filesystem]
data = {PEER / "data"}
[site]
debug = False
url = http://127.0.0.1:{port}
secret = peer-bench-only-0123456789abcdefghijklmnopqrstuvwxyz
[database]
backend = postgresql
name = {DATABASE}
user = {db.username}
password = {db.password}
host = {db.hostname}
port = {db.port or 5432}
[redis]
location = {redis_url}
session = True
[mail]
from = admin@localhost
""", encoding="utf-8")


def pretalx_env() -> dict:
    return {**os.environ, "PRETALX_CONFIG_FILE": str(CONFIG), "PYTHONPATH": "",
            "DJANGO_SETTINGS_MODULE": "pretalx.settings"}


def install(admin_url: str, redis_url: str, port: int) -> None:
    import psycopg

    PEER.mkdir(parents=True, exist_ok=True)
    (PEER / "data").mkdir(exist_ok=True)
    if not (VENV / ".pretalx-installed").exists():
        _run(["python3.11", "-m", "venv", VENV])
        took = _run([PYTHON, "-m", "pip", "install", "-q", PRETALX, *EXTRA])
        (VENV / ".pretalx-installed").write_text(PRETALX)
        log(f"pretalx installed into var/peer/venv ({took:.0f} s)")
    write_config(admin_url, redis_url, port)
    maintenance = urlsplit(admin_url)._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                            (DATABASE,)).fetchone():
            conn.execute(f'CREATE DATABASE "{DATABASE}"')
            (PEER / ".migrated").unlink(missing_ok=True)
    if not (PEER / ".migrated").exists():
        took = _run([PYTHON, "-m", "pretalx", "migrate", "--noinput"], pretalx_env())
        (PEER / ".migrated").touch()
        log(f"pretalx migrated ({took:.0f} s)")
    if not (PEER / ".rebuilt").exists():
        took = _run([PYTHON, "-m", "pretalx", "rebuild"], pretalx_env(), timeout=1200)
        (PEER / ".rebuilt").touch()
        log(f"pretalx static files built ({took:.0f} s)")


def seed(plan: Path) -> float:
    """Seeds pretalx (once) and writes the locust plan with fresh sessions."""
    return _run([PYTHON, ROOT / "bench" / "peer" / "seed.py", plan], pretalx_env())
