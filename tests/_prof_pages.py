"""cProfile of the key pages through the test client (docs/scaling-profile.md).
Not collected by the suite (the name does not start with test_); run it on its own:
`PROF_OUT=/tmp/prof.txt PROF_N=15 [PROF_PAGES=section_get,…] pytest -p no:cacheprovider tests/_prof_pages.py`."""
import cProfile
import io
import os
import pstats
import time

import pytest

from bench import plan as bench_plan
from bench import queries as bench_queries
from bench import seeddata

LARGE = seeddata.Sizes(recommenders=5, units=24, applications=48, experts=9,
                       recommender_users=2, reviewers=3, panel=7, quota=3)
PAGES = tuple(os.environ.get("PROF_PAGES", "applicant_home,section_get,recommender_inbox,"
                             "region_receipt,expert_sheet,statistics").split(","))


@pytest.fixture
def block(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEBUG = False
    ctx = seeddata._shared()
    seeddata._seed_block(0, LARGE, ctx)
    return bench_plan.build(0)


def test_profile(block):
    out = open(os.environ.get("PROF_OUT", "var/prof_pages.txt"), "w")
    n = int(os.environ.get("PROF_N", 20))
    for page in PAGES:
        acc = block["scenarios"][page]["accounts"][0]
        client = bench_queries._client(acc["username"])
        for _ in range(3):
            assert client.get(acc["url"]).status_code == 200
        cpu = time.process_time()
        for _ in range(n):
            client.get(acc["url"])
        cpu = (time.process_time() - cpu) / n * 1000
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(n):
            client.get(acc["url"])
        prof.disable()
        if os.environ.get("PROF_DUMP"):
            prof.dump_stats(f"{os.environ['PROF_DUMP']}.{page}")
        s = io.StringIO()
        st = pstats.Stats(prof, stream=s)
        st.sort_stats("cumulative").print_stats(r"^(?!.*\.venv)(?!.*python3)", 30)
        out.write(f"===== {page} {acc['url']}: {cpu:.1f} ms CPU/request (in-process, test client)\n")
        out.write(s.getvalue()[-9000:])
        s = io.StringIO()
        pstats.Stats(prof, stream=s).sort_stats("tottime").print_stats(15)
        out.write(s.getvalue()[-4000:])
        out.flush()
