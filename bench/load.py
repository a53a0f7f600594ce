"""Runs locust headless for one scenario and reads its CSV statistics."""

import csv
import subprocess
import sys

from .env import OUT, ROOT


def run_locust(tag: str, scenario: str, *, host: str, plan: str, users: int, seconds: int,
               think: bool, env: dict, acks: str | None = None) -> dict:
    prefix = OUT / tag
    args = [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"),
            "--headless", "-u", str(users), "-r", str(users), "-t", f"{seconds + 150}s",
            "--host", host, "--csv", str(prefix), "--only-summary", "--stop-timeout", "3",
            "--loglevel", "ERROR", "--exit-code-on-error", "0"]
    run_env = {**env, "BENCH_PLAN": plan, "BENCH_SCENARIO": scenario, "BENCH_USERS": str(users),
               "BENCH_MEASURE": str(seconds), "BENCH_THINK": "1" if think else "0"}
    if acks:
        run_env["BENCH_ACKS"] = acks
    with open(OUT / f"{tag}.log", "w") as log:
        subprocess.run(args, env=run_env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,  # noqa: S603
                       timeout=seconds + 240, check=False)
    stats = read_stats(f"{prefix}_stats.csv")
    if not stats:
        raise RuntimeError(f"locust {tag} produced no statistics; see var/bench/{tag}.log")
    return stats


def _number(text: str) -> float:
    """A locust CSV cell: empty or "N/A" (no request of that name completed) reads as 0."""
    try:
        return float(text)
    except (TypeError, ValueError):
        return 0.0


def read_stats(path: str) -> dict:
    """Request name → {count, failures, median, p95, rps} (ms, requests per second)."""
    out = {}
    try:
        with open(path, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                out[row["Name"]] = {
                    "count": int(row["Request Count"]), "failures": int(row["Failure Count"]),
                    "median": _number(row["50%"]), "p95": _number(row["95%"]),
                    "rps": _number(row["Requests/s"])}
    except FileNotFoundError:
        pass
    return out
