"""The identity/role floor (issue 20, docs/scaling-floor.md): CPU per request of the bare view
anonymous, the bare view signed in (the whole middleware stack for a user) and a small signed-in
page that renders the base template (/account/: context processors, menu), through the test
client on PostgreSQL, DEBUG off. Not collected by the suite; run it on its own:
`BENCH_HELLO=1 PROF_N=300 pytest -p no:cacheprovider tests/_prof_floor.py -s`."""
import cProfile
import io
import os
import pstats
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def _cpu(client, url, n):
    for _ in range(20):
        assert client.get(url).status_code == 200
    t = time.process_time()
    for _ in range(n):
        client.get(url)
    return (time.process_time() - t) / n * 1000


def test_floor(settings, alice):
    settings.DEBUG = False
    n = int(os.environ.get("PROF_N", 300))
    out = open(os.environ.get("PROF_OUT", "var/prof_floor.txt"), "w")
    anon, user = Client(), Client()
    user.force_login(alice)
    for name, client, url in (("hello anonymous", anon, "/bench/hello/"),
                              ("hello signed in", user, "/bench/hello/"),
                              ("account page signed in", user, "/account/")):
        ms = _cpu(client, url, n)
        with CaptureQueriesContext(connection) as q:
            client.get(url)
        line = f"{name} {url}: {ms:.2f} ms CPU/request, {len(q.captured_queries)} queries"
        print(line)
        out.write(f"===== {line}\n")
        for sql in q.captured_queries:
            out.write("  SQL " + sql["sql"][:160] + "\n")
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(n):
            client.get(url)
        prof.disable()
        s = io.StringIO()
        pstats.Stats(prof, stream=s).sort_stats("cumulative").print_stats(45)
        out.write(s.getvalue()[-12000:])
        out.flush()
