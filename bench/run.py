"""`python -m bench` (make bench): the whole benchmark, bounded in time, on loopback only.

1. a bench database (<db>_bench) copied from a migrated template (<db>_bench_tpl, migrated
   in place each run, so only new migrations cost time), seeded with seed_bench --scale 1;
2. SQL queries per page at N=1 (in-process);
3. gunicorn + a celery worker on 127.0.0.1; per scenario a throughput run (no think time) and
   a latency run (0.5–1.5 s think time) with locust headless; the bare hello view first,
   once the worker and gunicorn are quiet; server CPU of the processes this run started only;
4. the deadline rush (up to 200 users typing and autosaving, a save every 2–6 s, each for
   between half of BENCH_RUSH_SECONDS and all of it, then submitting), then every acknowledged
   save is
   checked in the database; the worker renders 附件3 PDFs and bundles; peak RSS from /proc;
5. seed_bench --scale 10, then 100 (additive, each only while it fits BENCH_BUDGET; 3 when
   not even 10 fits) and, at each N, queries and web + database CPU per page in-process
   (bench/queries.py); the capacity runs again under gunicorn at the largest N; then
   bench/explain.py at the largest scale: every SELECT of every key page as EXPLAIN (FORMAT
   JSON) after ANALYZE, any Seq Scan on a table > 10 000 rows;
6. render times (附件3 PDF, 附件2-1 Excel 1000 rows, 100-page bundle); history bytes of an
   hour of typing and the CPU of one autosave (bench/history.py, rolled back);
7. the table, printed and written to var/bench/report.md.

Knobs (environment): BENCH_USERS (50), BENCH_SECONDS (10), BENCH_WORKERS (cores + 1, as
config/gunicorn.py), BENCH_THREADS (4),
BENCH_RUSH_SECONDS (120: how long the rush types; it ends when every user has submitted),
BENCH_SCALE_MAX (100; 10 stops there, 0 or 1 measures N=1 only), BENCH_BUDGET (1500 s:
the larger scales are seeded only while the whole run fits; scale 100, about 100 000
applications, is about 1.6 s a block of seeding on a quiet 2-core machine),
BENCH_CPU_SAMPLES (30: requests per in-process CPU figure).
"""

import json
import os
import sys
import time
from datetime import datetime

from . import procs, report
from .env import OUT, bench_db, bench_env, db_url
from .load import run_locust


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def prepare_database(env: dict) -> None:
    import psycopg

    name, tpl = bench_db(), bench_db() + "_tpl"
    with psycopg.connect(db_url("postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (tpl,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{tpl}"')
    took = procs.manage("migrate", "--noinput", env={**env, "DATABASE_URL": db_url(tpl)},
                        timeout=900)
    log(f"template {tpl} migrated ({took:.0f} s)")
    with psycopg.connect(db_url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{tpl}"')


def flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def django_step(module: str, *args: str, env: dict, timeout: int = 600) -> float:
    return procs.step([procs.PY, "-m", module, *args], env, timeout=timeout)


def load_scenarios(plan: dict, host: str, env: dict, users: int, seconds: int,
                   web: procs.Service, modes=(("capacity", False), ("latency", True))) -> dict:
    """Per scenario a capacity and a latency run. Server CPU per request: the gunicorn
    processes this run started (master and workers, by pid) and the PostgreSQL backends of the
    bench database (by pid in pg_stat_activity), nothing else on the machine."""
    results = {}
    path = str(OUT / "plan.json")
    for name, spec in plan["scenarios"].items():
        if name != "hello" and not spec["accounts"]:
            log(f"{name}: no page to measure yet, skipped")
            results[name] = None
            continue
        runs = {}
        for mode, think in modes:
            web_before = procs.tree_cpu_seconds(web.proc.pid)
            with procs.BackendCpu(db_url("postgres"), bench_db()) as db_cpu:
                stats = run_locust(f"{name}_{mode}", name, host=host, plan=path, users=users,
                                   seconds=seconds, think=think, env=env)
            web_cpu = procs.tree_cpu_seconds(web.proc.pid) - web_before
            key = "save" if spec.get("save") else "page"
            runs[mode] = stats.get(key) or {"count": 0, "failures": 0, "median": 0, "p95": 0,
                                            "rps": 0}
            runs[mode]["failures"] += (stats.get("login") or {}).get("failures", 0)
            served = (stats.get("Aggregated") or runs[mode]).get("count") or 0
            if mode == "capacity" and served:  # the server's CPU per request under load
                runs[mode]["web_cpu_ms"] = 1000 * web_cpu / served
                runs[mode]["db_cpu_ms"] = 1000 * db_cpu.seconds() / served
        results[name] = runs
        cap = runs["capacity"]
        log(f"{name}: {cap['rps']:.1f} req/s, web {cap.get('web_cpu_ms', 0):.1f} + DB "
            f"{cap.get('db_cpu_ms', 0):.1f} ms CPU/req"
            + (f", p95 {runs['latency']['p95']:.0f} ms (latency run)" if "latency" in runs else "")
            + f", failures {sum(r['failures'] for r in runs.values())}")
    return results


def rush(plan: dict, host: str, env: dict, seconds: int) -> dict:
    accounts = plan["rush"]["accounts"]
    if not accounts:
        return {}
    acks = str(OUT / "rush_acks.json")
    # typing and autosaving for `seconds`, then the submissions: at most a minute more
    stats = run_locust("rush", "rush", host=host, plan=str(OUT / "plan.json"),
                       users=len(accounts), seconds=seconds + 60, think=True,
                       env={**env, "BENCH_RUSH_TYPING": str(seconds)}, acks=acks)
    errors = sum(s["failures"] for s in stats.values() if s)
    agg = stats.get("Aggregated", {})
    errors = agg.get("failures", errors)
    django_step("bench.rush", acks, str(OUT / "rush.json"), env=env)
    result = json.loads((OUT / "rush.json").read_text())
    result.update(users=len(accounts), errors=errors,
                  save_p95=(stats.get("save") or {}).get("p95"),
                  save_median=(stats.get("save") or {}).get("median"),
                  submit_p95=(stats.get("submit") or {}).get("p95"),
                  submit_median=(stats.get("submit") or {}).get("median"))
    log(f"rush: {result}")
    return result


def affordable_scales(wanted: float, seed1: float, started: datetime) -> list[float]:
    """The larger N to seed and measure, of 10 and 100 up to `wanted` (BENCH_SCALE_MAX): each
    while seeding its extra blocks (about seed1 each) and measuring them still fits the run
    into BENCH_BUDGET seconds; 3 when not even 10 fits."""
    budget = float(os.environ.get("BENCH_BUDGET", 1500))
    left = budget - (datetime.now() - started).total_seconds() - 240  # capacity pass, renders
    scales, have = [], 1.0
    for n in (10.0, 100.0):
        if n > wanted:
            break
        cost = seed1 * (n - have) + 20
        if cost > left:
            log(f"N={n:g} would not fit the time budget ({cost:.0f} s, {left:.0f} s left)")
            break
        scales.append(n)
        left -= cost
        have = n
    if not scales and wanted > 1:
        scales = [min(3.0, wanted)]
    return scales


def serve(env: dict, workers: int, threads: int, name: str, with_worker: bool = True):
    """gunicorn (and a celery worker) on a free loopback port, once both are quiet."""
    flush_redis(env["REDIS_URL"])
    port = procs.free_port()
    web = procs.gunicorn(env, port, workers, OUT / f"gunicorn{name}.log", threads=threads)
    worker = procs.celery_worker(env, OUT / f"celery{name}.log") if with_worker else None
    # The bare view first, but only once the celery worker has started (imports, font
    # preload) and the gunicorn workers are up: nothing else is using the CPU meanwhile.
    waited = procs.wait_quiet([web.proc.pid] + ([worker.proc.pid] if worker else []))
    log(f"gunicorn on 127.0.0.1:{port} ({workers} gthread workers × {threads} threads)"
        f"{' and a celery worker' if worker else ''}, quiet after {waited:.1f} s")
    return f"http://127.0.0.1:{port}", web, worker


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    users = int(os.environ.get("BENCH_USERS", 50))
    seconds = int(os.environ.get("BENCH_SECONDS", 10))
    workers = int(os.environ.get("BENCH_WORKERS", (os.cpu_count() or 1) + 1))
    threads = int(os.environ.get("BENCH_THREADS", 4))
    scale_max = float(os.environ.get("BENCH_SCALE_MAX", 100))
    env = bench_env()
    started = datetime.now()
    load_start = os.getloadavg()[0]
    prepare_database(env)
    seed1 = procs.manage("seed_bench", "--scale", "1", env=env)
    log(f"seed_bench --scale 1: {seed1:.1f} s")
    took = django_step("bench.plan", str(OUT / "plan.json"), env=env)
    log(f"plan and sessions: {took:.1f} s")
    plan = json.loads((OUT / "plan.json").read_text())
    took = django_step("bench.queries", str(OUT / "plan.json"), str(OUT / "queries_1.json"),
                       env=env)
    log(f"queries and CPU per page at N=1: {took:.1f} s")
    q1 = json.loads((OUT / "queries_1.json").read_text())
    host, web, worker = serve(env, workers, threads, "")
    memory = {}
    try:
        results = load_scenarios(plan, host, env, users, seconds, web)
        rush_result = rush(plan, host, env, int(os.environ.get("BENCH_RUSH_SECONDS", 120)))
        django_step("bench.worker", str(OUT / "worker.json"), env=env, timeout=300)
        worker_job = json.loads((OUT / "worker.json").read_text())
        log(f"celery worker jobs: {worker_job}")
        w, c = web.peak(), worker.peak()
        memory = {"gunicorn master": w["master"], "gunicorn worker (max)": w["worker_max"],
                  f"gunicorn workers ({w['workers']}, sum)": w["workers_total"],
                  "celery worker (main)": c["master"], "celery worker (pool child, max)":
                  c["worker_max"]}
    finally:
        web.stop()
        worker.stop()
    queries, seeded = {"1": q1["pages"]}, {"1": seed1}
    scales = affordable_scales(scale_max, seed1, started)
    for n in scales:
        took = procs.manage("seed_bench", "--scale", f"{n:g}", env=env, timeout=3600)
        seeded[f"{n:g}"] = took
        log(f"seed_bench --scale {n:g} (additive): {took:.1f} s")
        out = OUT / f"queries_{n:g}.json"
        django_step("bench.queries", str(OUT / "plan.json"), str(out), env=env)
        queries[f"{n:g}"] = json.loads(out.read_text())["pages"]
    big_results = {}
    if scales:  # the server's CPU per request under load again, on the largest data
        host, web, _ = serve(env, workers, threads, f"_{scales[-1]:g}", with_worker=False)
        try:
            big_results = load_scenarios(plan, host, env, users, seconds, web,
                                         modes=(("capacity", False),))
        finally:
            web.stop()
    django_step("bench.explain", str(OUT / "plan.json"), str(OUT / "explain.json"), env=env)
    explained = json.loads((OUT / "explain.json").read_text())
    log(f"EXPLAIN at the largest scale: {report.seq_scan_count(explained)} Seq Scan(s) on large tables")
    django_step("bench.render_times", str(OUT / "renders.json"), env=env)
    renders = json.loads((OUT / "renders.json").read_text())
    django_step("bench.history", str(OUT / "history.json"), env=env)
    history = json.loads((OUT / "history.json").read_text())
    log(f"history and autosave: {history}")
    text = report.build({
        "started": f"{started:%Y-%m-%d %H:%M}", "cpus": os.cpu_count(), "workers": workers,
        "threads": threads, "users": users, "seconds": seconds,
        "login_cpu_s": q1.get("login_cpu_s"), "seeded": seeded,
        "load": {"start": load_start, "end": os.getloadavg()[0]}, "results": results,
        "big_results": big_results, "queries": queries,
        "labels": {k: v["label"] for k, v in plan["scenarios"].items()},
        "extra_labels": {k: v["label"] for k, v in plan["extra"].items()},
        "renders": renders["rows"], "render_source": renders["source"], "rush": rush_result,
        "history": history, "explain": explained,
        "memory": {**memory, "worker jobs": json.dumps(worker_job, ensure_ascii=False)},
    })
    (OUT / "report.md").write_text(text, encoding="utf-8")
    print(text)
    log(f"done in {(datetime.now() - started).total_seconds():.0f} s; var/bench/report.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
