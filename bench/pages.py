"""`make bench-pages` (python -m bench.pages): only step 2 of make bench, in a minute or two.

Each key page's queries and web + database CPU per request in-process at N=1, on the
production-like settings of bench.env, for comparing one change before and after without the
whole make bench. The bench database (<db>_bench) is rebuilt from its migrated template and
seeded with seed_bench --scale 1, as make bench does; `--reuse` keeps the one already seeded
(the page's CPU does not depend on the run before; autosave changes one section's text).
`--profile=PAGE` (make bench-pages PROFILE=section_get) prints that page's cProfile instead
(bench/profile.py), on the database already seeded.
The table is printed and written to var/bench/pages.md; the raw figures to pages.json.
"""

import json
import sys

from . import procs, report
from .env import OUT, bench_env
from .run import django_step, log, prepare_database


def main(argv: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    env = bench_env()
    plan_path, out = OUT / "plan.json", OUT / "pages.json"
    profile = [a.split("=", 1)[1] for a in argv if a.startswith("--profile=")]
    if ("--reuse" not in argv and not profile) or not plan_path.exists():
        prepare_database(env)
        log(f"seed_bench --scale 1: {procs.manage('seed_bench', '--scale', '1', env=env):.1f} s")
        django_step("bench.plan", str(plan_path), env=env)
    if profile:
        procs.step([procs.PY, "-m", "bench.profile", str(plan_path), profile[0]], env,
                   timeout=600, quiet=False)
        return 0
    took = django_step("bench.queries", str(plan_path), str(out), env=env)
    log(f"queries and CPU per page at N=1: {took:.1f} s")
    plan = json.loads(plan_path.read_text())
    pages = json.loads(out.read_text())["pages"]
    labels = {**{k: v["label"] for k, v in plan["scenarios"].items()},
              **{k: v["label"] for k, v in plan["extra"].items()}}
    text = "\n".join(report.scale_rows({"1": pages}, labels)) + "\n"
    (OUT / "pages.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
