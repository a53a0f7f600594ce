"""SQL queries per page, in-process: `python -m bench.queries PLAN.json OUT.json`.

Each page is requested twice by its account through django.test.Client and the queries of the
second (warm: caches filled, as under load) request are counted with CaptureQueriesContext.
The same accounts and URLs are measured at N=1 and, after seed_bench adds blocks, at N=10. The
save is the autosave the page sends (static/js/autosave.js): a JSON patch of one field.
"""

import json
import os
import sys
import time

import django


def _client(username, session=None):
    """A client signed in as `username`: with the plan's session when it has one (a new login
    would end that session, which the locust users carry: one live session per account)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    if session:
        client.cookies[settings.SESSION_COOKIE_NAME] = session
    elif username:
        client.force_login(get_user_model().objects.get(username=username))
    return client


def _backend_pid() -> int:
    """The pid of this connection's PostgreSQL backend (same machine: its CPU is in /proc)."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
        return cur.fetchone()[0]


def _backend_cpu(pid: int) -> float:
    from .procs import _cpu_of

    return _cpu_of(pid, with_ended_children=False) or 0.0


def count(client, method: str, url: str, data=None, headers=None) -> dict:
    """Queries of one warm request; then the CPU per request of CPU_SAMPLES more, in this
    process (web) and in this connection's PostgreSQL backend (DB): a page's server CPU at
    whatever N the database holds, with no load generator or other process in the figure."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def call(url, data=None, headers=None):
        if method == "GET":
            return client.get(url, headers=headers or {})
        return client.post(url, data=data, content_type="application/json",
                           headers=headers or {})

    call(url, data=data, headers=headers)
    if method == "POST":  # the first save changed the version: post the current one
        data = _fresh(data)
    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        resp = call(url, data=data, headers=headers)
        took = time.perf_counter() - started
    queries = len(ctx.captured_queries)  # now: the next request_started clears the log
    web = db = 0.0
    pid = _backend_pid()  # one backend for all samples: persistent connections (bench.env)
    for _ in range(CPU_SAMPLES):
        if method == "POST":
            data = _fresh(data)
        db_before, cpu = _backend_cpu(pid), time.process_time()
        call(url, data=data, headers=headers)
        web += time.process_time() - cpu
        db += _backend_cpu(pid) - db_before
    web, db = web / CPU_SAMPLES * 1000, db / CPU_SAMPLES * 1000
    return {"queries": queries, "status": resp.status_code, "ms": round(took * 1000, 1),
            "cpu_ms": round(web, 2), "db_cpu_ms": round(db, 2), "samples": CPU_SAMPLES}


_SAVE: dict = {}
# requests per CPU figure: the bench asks for 30 (bench.env); the suite's checks of the query
# counts need only a few. The backend's CPU is read in clock ticks (10 ms): many samples.
CPU_SAMPLES = int(os.environ.get("BENCH_CPU_SAMPLES", 3))


def _fresh(data):
    """The autosave's JSON patch (static/js/autosave.js, declare.patch) of the save field, on
    the section's current version, with one more character typed."""
    from declare.models import Section

    section = Section.objects.get(application_id=_SAVE["app"], key=_SAVE["key"])
    field = _SAVE["field"]
    _SAVE["text"] = _SAVE.get("text", _SAVE["start"]) + "·"
    return json.dumps({"base_version": section.version,
                       "items": {field: [[field, _SAVE["text"]]]}}, ensure_ascii=False)


def measure(plan: dict) -> dict:
    out = {}
    sessions = {a["username"]: a["session"] for spec in plan["scenarios"].values()
                for a in spec["accounts"] if a.get("session")}
    for name, spec in plan["scenarios"].items():
        acc = (spec["accounts"] or [{}])[0]
        url = acc.get("url") or spec.get("url")
        if not url:
            out[name] = None
            continue
        client = _client(acc.get("username"), acc.get("session"))
        if spec.get("save"):
            _SAVE.clear()
            _SAVE.update(app=acc["app"], key=acc["key"], field=acc["field"],
                         start=acc["post"][acc["field"]])
            out[name] = count(client, "POST", url, _fresh(None), {"X-Autosave": "1"})
        else:
            out[name] = count(client, "GET", url)
    for name, spec in plan["extra"].items():
        client = _client(spec["account"], sessions.get(spec["account"]))
        out[name] = count(client, "GET", spec["url"]) if spec["url"] else None
    return out


def login_cost() -> float:
    """Seconds of CPU for one login check under the production hasher (PBKDF2, Django's default
    iterations), which the bench server replaces (bench/hashers.py)."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    hasher = PBKDF2PasswordHasher()
    encoded = hasher.encode("Bench@2025pass", hasher.salt())
    started = time.process_time()
    hasher.verify("Bench@2025pass", encoded)
    return time.process_time() - started


def main(plan_path: str, out_path: str) -> None:
    django.setup()
    plan = json.load(open(plan_path, encoding="utf-8"))  # noqa: SIM115
    result = {"pages": measure(plan), "login_cpu_s": round(login_cost(), 3)}
    with open(out_path, "w", encoding="utf-8") as fh:
        json.dump(result, fh, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
