"""The environment of every process of one benchmark run (database, secrets, flags)."""

import base64
import hashlib
import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
DEFAULT_DB = "postgres://skill:skill@127.0.0.1:5432/skill"


def db_url(name: str, base: str | None = None) -> str:
    parts = urlsplit(base or os.environ.get("DATABASE_URL") or DEFAULT_DB)
    return urlunsplit(parts._replace(path="/" + name))


def base_name() -> str:
    path = urlsplit(os.environ.get("DATABASE_URL") or DEFAULT_DB).path.strip("/")
    return path or "skill"


def bench_db() -> str:
    return f"{base_name()}_bench"


def bench_env(**extra) -> dict:
    """Production-like settings (DEBUG off, persistent DB connections) on loopback, plain HTTP."""
    key = base64.urlsafe_b64encode(hashlib.sha256(b"bench-field-key").digest()).decode()
    env = {
        **os.environ,
        "DATABASE_URL": db_url(bench_db()),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-" + hashlib.sha256(b"bench-secret").hexdigest(),
        "FIELD_ENCRYPTION_KEY": key,
        "DJANGO_SECURE": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "BENCH_HELLO": "1",
        "BENCH_CPU_SAMPLES": os.environ.get("BENCH_CPU_SAMPLES", "30"),
        "DJANGO_PASSWORD_HASHERS": "bench.hashers.BenchPBKDF2PasswordHasher,"
                                   "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "DB_CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    env.update(extra)
    return env
