"""`python -m bench.peer` (make bench-peer): our pages beside pretalx's, in one run.

1. pretalx 2025.2.2 from PyPI in var/peer/venv, its database peer_pretalx migrated, seeded
   (1 000 submissions with speakers, 50 reviewers, 3 000 reviews, one organiser) by
   bench/peer/seed.py inside that virtualenv — each step once, kept for the next run;
2. our bench database (<db>_bench, from bench.run.prepare_database: DATABASE_URL's name with
   _bench, so make bench-peer has its own, not make bench's) seeded with seed_bench --scale 1,
   and fresh sessions (bench.plan);
3. both served by gunicorn in the same shape (gthread, BENCH_WORKERS = cores + 1 workers ×
   BENCH_THREADS = 4 threads, keep-alive 5 s, app preloaded), on loopback;
4. per matched pair, ours then pretalx's: a capacity run (locust headless, BENCH_USERS logged-in
   users, no think time, BENCH_SECONDS), server CPU of the processes this run started (the
   gunicorn tree by pid) and of the database's backends (procs.BackendCpu) per request;
5. the table, printed and written to var/peer/report.md.
"""

import json
import os
import sys
from datetime import datetime

from .. import procs
from ..env import OUT, bench_db, bench_env, db_url
from ..load import run_locust
from ..run import django_step, prepare_database
from . import install

PAIRS = (  # (label, our scenario in bench.plan, pretalx scenario in bench/peer/seed.py)
    ("organiser list ↔ region receipt", "region_receipt", "orga_list"),
    ("review page ↔ expert sheet", "expert_sheet", "review"),
    ("proposal edit ↔ section GET", "section_get", "proposal_edit"),
)
log = install.log


def pretalx_gunicorn(port: int, workers: int, threads: int) -> procs.Service:
    """pretalx's WSGI app with the settings of config/gunicorn.py (no access log)."""
    svc = procs.Service([str(install.PYTHON), "-m", "gunicorn", "--chdir", str(install.PEER),
                         "-k", "gthread", "-w", str(workers), "--threads", str(threads),
                         "--keep-alive", "5", "--preload", "--max-requests", "5000",
                         "--max-requests-jitter", "500", "--log-level", "warning",
                         "-b", f"127.0.0.1:{port}", "pretalx.wsgi:application"],
                        install.pretalx_env(), install.PEER / "gunicorn.log")
    return procs.wait_answering(svc, f"http://127.0.0.1:{port}/orga/login/", seconds=120,
                                what="pretalx gunicorn (see var/peer/gunicorn.log)")


def measure(tag: str, scenario: str, *, web: procs.Service, database: str, host: str,
            plan: str, users: int, seconds: int, env: dict) -> dict:
    web_before = procs.tree_cpu_seconds(web.proc.pid)
    with procs.BackendCpu(db_url("postgres"), database) as db_cpu:
        stats = run_locust(tag, scenario, host=host, plan=plan, users=users, seconds=seconds,
                           think=False, env=env)
    web_cpu = procs.tree_cpu_seconds(web.proc.pid) - web_before
    page = stats.get("page") or {"count": 0, "failures": 0, "rps": 0, "median": 0, "p95": 0}
    served = (stats.get("Aggregated") or page).get("count") or 0
    row = {"count": page["count"], "failures": page["failures"], "rps": page["rps"],
           "median": page["median"], "web_ms": 1000 * web_cpu / served if served else 0,
           "db_ms": 1000 * db_cpu.seconds() / served if served else 0}
    row["cpu_ms"] = row["web_ms"] + row["db_ms"]
    log(f"{tag}: {row['rps']:.1f} req/s, {row['cpu_ms']:.1f} ms CPU/req "
        f"(web {row['web_ms']:.1f} + db {row['db_ms']:.1f}), failures {row['failures']}")
    return row


def report(rows: list, meta: dict) -> str:
    lines = [f"# make bench-peer — {meta['started']}", "",
             f"{meta['cpus']} CPUs, load {meta['load'][0]:.1f} → {meta['load'][1]:.1f}; "
             f"gunicorn gthread {meta['workers']} workers × {meta['threads']} threads each; "
             f"{meta['users']} logged-in users, {meta['seconds']} s capacity run per page; "
             f"pretalx: {meta['peer_counts']}.", "",
             "| page pair | ours CPU ms/req (web+DB) | pretalx CPU ms/req (web+DB) | ratio "
             "pretalx/ours | ours req/s | pretalx req/s | failures (ours/pretalx) |",
             "|---|---|---|---|---|---|---|"]
    for label, ours, peer in rows:
        ratio = peer["cpu_ms"] / ours["cpu_ms"] if ours["cpu_ms"] else 0
        lines.append(
            f"| {label} | {ours['cpu_ms']:.1f} ({ours['web_ms']:.1f}+{ours['db_ms']:.1f}) | "
            f"{peer['cpu_ms']:.1f} ({peer['web_ms']:.1f}+{peer['db_ms']:.1f}) | "
            f"{ratio:.1f}× | {ours['rps']:.1f} | {peer['rps']:.1f} | "
            f"{ours['failures']}/{peer['failures']} |")
    lines += ["", "Server CPU per request: the gunicorn process tree this run started (by pid) "
              "plus the PostgreSQL backends of that app's database (by pid), divided by the "
              "requests served. A 2-core machine shared with other jobs: expect ±20 % noise."]
    return "\n".join(lines) + "\n"


def main() -> int:
    users = int(os.environ.get("BENCH_USERS", 10))
    seconds = int(os.environ.get("BENCH_SECONDS", 30))  # pretalx's list takes seconds
    workers = int(os.environ.get("BENCH_WORKERS", (os.cpu_count() or 1) + 1))
    threads = int(os.environ.get("BENCH_THREADS", 4))
    started, load_start = datetime.now(), os.getloadavg()[0]
    OUT.mkdir(parents=True, exist_ok=True)  # locust's CSV files (bench.load)
    env = bench_env()
    peer_port, our_port = procs.free_port(), procs.free_port()
    install.install(db_url("postgres"), env["REDIS_URL"], peer_port)
    peer_plan = install.PEER / "plan.json"
    took = install.seed(peer_plan)
    peer = json.loads(peer_plan.read_text())
    log(f"pretalx seeded and signed in ({took:.0f} s): {peer['counts']}")
    prepare_database(env)
    took = procs.manage("seed_bench", "--scale", "1", env=env, timeout=900)
    log(f"our {bench_db()} seeded ({took:.0f} s)")
    our_plan = install.PEER / "our_plan.json"
    django_step("bench.plan", str(our_plan), env=env)
    ours = procs.gunicorn(env, our_port, workers, install.PEER / "our_gunicorn.log", threads)
    theirs = None
    rows = []
    try:
        theirs = pretalx_gunicorn(peer_port, workers, threads)
        procs.wait_quiet([ours.proc.pid, theirs.proc.pid])
        for label, our_name, peer_name in PAIRS:
            mine = measure(f"peer_ours_{our_name}", our_name, web=ours, database=bench_db(),
                           host=f"http://127.0.0.1:{our_port}", plan=str(our_plan),
                           users=users, seconds=seconds, env=env)
            other = measure(f"peer_pretalx_{peer_name}", peer_name, web=theirs,
                            database=install.DATABASE, host=f"http://127.0.0.1:{peer_port}",
                            plan=str(peer_plan), users=users, seconds=seconds, env=env)
            rows.append((label, mine, other))
    finally:
        ours.stop()
        if theirs is not None:
            theirs.stop()
    text = report(rows, {"started": f"{started:%Y-%m-%d %H:%M}", "cpus": os.cpu_count(),
                         "load": (load_start, os.getloadavg()[0]), "workers": workers,
                         "threads": threads, "users": users, "seconds": seconds,
                         "peer_counts": peer["counts"]})
    (install.PEER / "report.md").write_text(text, encoding="utf-8")
    print(text)
    log(f"done in {(datetime.now() - started).total_seconds():.0f} s; var/peer/report.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
