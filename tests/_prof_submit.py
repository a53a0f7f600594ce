"""cProfile of the deadline rush's submission (bench.plan's rush accounts, through the test
client): CPU, queries, top frames. Not collected by the suite; run it on its own:
`PROF_OUT=/tmp/prof_submit.txt PROF_N=8 pytest -p no:cacheprovider tests/_prof_submit.py`."""
import cProfile
import io
import os
import pstats
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import plan as bench_plan
from bench import queries as bench_queries
from bench import seeddata

from ._prof_pages import LARGE


def test_profile_submit(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEBUG = False
    seeddata._seed_block(0, LARGE, seeddata._shared())
    accounts = bench_plan.build(0)["rush"]["accounts"]
    n = min(int(os.environ.get("PROF_N", 8)), len(accounts) - 1)
    out = open(os.environ.get("PROF_OUT", "var/prof_submit.txt"), "w")  # noqa: SIM115
    first, rest = accounts[0], accounts[1:n + 1]
    client = bench_queries._client(first["username"])
    with CaptureQueriesContext(connection) as ctx:
        r = client.post(first["submit_url"], {})
    assert r.status_code == 302, r.status_code
    out.write(f"queries of one submission: {len(ctx.captured_queries)}\n")
    clients = [bench_queries._client(a["username"]) for a in rest]
    prof = cProfile.Profile()
    cpu = time.process_time()
    prof.enable()
    for acc, c in zip(rest, clients, strict=True):
        assert c.post(acc["submit_url"], {}).status_code == 302
    prof.disable()
    cpu = (time.process_time() - cpu) / len(rest) * 1000
    out.write(f"{cpu:.1f} ms CPU per submission (profiled, {len(rest)})\n")
    s = io.StringIO()
    pstats.Stats(prof, stream=s).sort_stats("cumulative").print_stats(45)
    out.write(s.getvalue())
    out.close()
