"""`python -m bench.profile PLAN.json PAGE [N]` (make bench-pages PROFILE=page): cProfile of
one page, in-process, on the bench database and settings. The page's account and URL are the
plan's (bench/plan.py); the first three requests warm the caches, the next N (30) are profiled.
Prints the top frames by cumulative and by own time; the raw stats go to var/bench/prof.PAGE
(`python -m pstats` reads them)."""

import cProfile
import io
import json
import pstats
import sys

import django


def main(plan_path: str, page: str, n: int = 30) -> None:
    django.setup()
    from . import queries
    from .env import OUT

    plan = json.load(open(plan_path, encoding="utf-8"))  # noqa: SIM115
    spec = plan["scenarios"].get(page) or plan["extra"].get(page)
    if spec is None:
        sys.exit(f"no page {page!r}; the plan has {sorted(plan['scenarios']) + sorted(plan['extra'])}")
    acc = (spec.get("accounts") or [{}])[0]
    username, url = acc.get("username") or spec.get("account"), acc.get("url") or spec.get("url")
    client = queries._client(username, acc.get("session"))
    for _ in range(3):
        assert client.get(url).status_code == 200  # nosec B101: a bench, not production
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(n):
        client.get(url)
    prof.disable()
    prof.dump_stats(str(OUT / f"prof.{page}"))
    for order, limit in (("cumulative", 45), ("tottime", 25)):
        s = io.StringIO()
        pstats.Stats(prof, stream=s).sort_stats(order).print_stats(limit)
        print(f"===== {page} {url} ({n} requests), by {order}\n{s.getvalue()[-12000:]}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], *(int(a) for a in sys.argv[3:4]))
