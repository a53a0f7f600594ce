"""cProfile of the autosave (the bench's section_save: a JSON patch of one field) through the
test client. Not collected by the suite; run it on its own:
`PROF_OUT=/tmp/prof_autosave.txt PROF_N=40 pytest -p no:cacheprovider tests/_prof_autosave.py`."""
import cProfile
import io
import os
import pstats

from bench import plan as bench_plan
from bench import queries as bench_queries
from bench import seeddata

from ._prof_pages import LARGE


def test_profile_autosave(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEBUG = False
    seeddata._seed_block(0, LARGE, seeddata._shared())
    acc = bench_plan.build(0)["scenarios"]["section_save"]["accounts"][0]
    n = int(os.environ.get("PROF_N", 40))
    client = bench_queries._client(acc["username"])
    bench_queries._SAVE.update(app=acc["app"], key=acc["key"], field=acc["field"],
                               start=acc["post"][acc["field"]])
    headers = {"X-Autosave": "1"}
    bench_queries.CPU_SAMPLES = n
    figure = bench_queries.count(client, "POST", acc["url"], bench_queries._fresh(None), headers)
    prof = cProfile.Profile()
    for _ in range(n):
        body = bench_queries._fresh(None)
        prof.enable()
        r = client.post(acc["url"], data=body, content_type="application/json", headers=headers)
        prof.disable()
        assert r.status_code == 200, r.content
    out = open(os.environ.get("PROF_OUT", "var/prof_autosave.txt"), "w")  # noqa: SIM115
    out.write(f"autosave: {figure}\n")
    s = io.StringIO()
    st = pstats.Stats(prof, stream=s)
    st.sort_stats("cumulative").print_stats(60)
    out.write(s.getvalue())
    out.close()
