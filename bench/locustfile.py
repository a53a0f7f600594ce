"""Simulated users for `make bench` (run by bench.run; not a Django module).

Environment: BENCH_PLAN (the JSON of bench.plan), BENCH_SCENARIO (a key of its scenarios, or
"rush"), BENCH_THINK ("1": 0.5–1.5 s between requests, the latency run; "0": none, the
throughput run), BENCH_ACKS (rush: where to write every acknowledged save and submission).

Every user has its own account, already logged in by bench.plan (its session cookie is in the
plan; BENCH_LOGIN=1 logs in through the real login form instead), and waits until every user
is ready (a barrier: logins and first page loads are not what the page figures measure;
their failures still count). Then all users request their page in a
loop for BENCH_MEASURE seconds. The rush: every user types and autosaves — a save after each
pause in typing, 2–6 s apart (BENCH_RUSH_PAUSE; the page saves 0.6 s after the last keystroke,
static/js/autosave.js) — for between half of BENCH_RUSH_TYPING seconds and all of it (people
finish at different moments of the last minutes), then submits once; the run ends when every
user is done. A response that is not 200 (or, for saves, not {"ok": true}) counts as a
failure; a redirect to the login page is a failure too.
"""

import itertools
import json
import os
import random
import re
import time

import gevent
from gevent.event import Event
from locust import HttpUser, events, task
from locust.exception import StopUser

PLAN = json.load(open(os.environ["BENCH_PLAN"], encoding="utf-8"))  # noqa: SIM115
SCENARIO = os.environ.get("BENCH_SCENARIO", "hello")
SPEC = PLAN["rush"] if SCENARIO == "rush" else PLAN["scenarios"][SCENARIO]
ACCOUNTS = itertools.cycle(SPEC["accounts"] or [{}])
VERSION = re.compile(r'name="base_version"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="base_version"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ACKS: list[dict] = []
RUSH_TYPING = float(os.environ.get("BENCH_RUSH_TYPING", "120"))
RUSH_PAUSE = tuple(float(x) for x in os.environ.get("BENCH_RUSH_PAUSE", "2,6").split(","))
RELEASED = [0.0]  # time.monotonic() when the barrier opened
USERS = int(os.environ.get("BENCH_USERS", "1"))
MEASURE = float(os.environ.get("BENCH_MEASURE", "20"))
THINK = os.environ.get("BENCH_THINK") == "1"
LOGIN_GRACE = float(os.environ.get("BENCH_LOGIN_GRACE", "120"))
READY = Event()
COUNTS = {"ready": 0, "done": 0, "quit": 0}


def _release(runner):
    """Everyone is logged in (or the grace time is over): start the measured phase."""
    if not READY.is_set():
        RELEASED[0] = time.monotonic()
        READY.set()
        gevent.spawn_later(MEASURE, runner.quit)


@events.test_stop.add_listener
def _write_acks(**_kw):
    path = os.environ.get("BENCH_ACKS")
    if path:
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(ACKS, fh, ensure_ascii=False)


class BenchUser(HttpUser):
    arrived = False

    def wait_time(self):
        if SCENARIO == "rush":
            return random.uniform(*RUSH_PAUSE)  # noqa: S311 - not cryptography
        return random.uniform(0.5, 1.5) if THINK else 0  # noqa: S311

    def on_start(self):
        self.account = next(ACCOUNTS)
        self.saves = 0
        self.typing = random.uniform(RUSH_TYPING / 2, RUSH_TYPING)  # noqa: S311
        self.version = None
        try:
            if self.account.get("session") and os.environ.get("BENCH_LOGIN") != "1":
                self.client.cookies.set(PLAN["session_cookie"], self.account["session"])
            elif self.account.get("username"):
                self._login()
            if SPEC.get("save") or SCENARIO == "rush":
                self.version = self._load_version()
        finally:  # a user that failed to start must not hold the others at the barrier
            self._ready()

    def _ready(self):
        COUNTS["ready"] += 1
        if COUNTS["ready"] >= USERS:
            _release(self.environment.runner)
        elif not READY.wait(timeout=LOGIN_GRACE):
            _release(self.environment.runner)

    def on_stop(self):
        COUNTS["done"] += 1
        if SCENARIO == "rush" and COUNTS["done"] >= USERS and not COUNTS["quit"]:
            COUNTS["quit"] = 1
            gevent.spawn(self.environment.runner.quit)

    def _login(self):
        page = self.client.get("/login/", name="login")
        token = CSRF.search(page.text)
        with self.client.post("/login/", name="login", catch_response=True, data={
            "username": self.account["username"], "password": PLAN["password"],
            "csrfmiddlewaretoken": token.group(1) if token else "",
        }, headers={"Referer": self.host + "/login/"}) as resp:
            if resp.url.rstrip("/").endswith("/login") or resp.status_code != 200:
                resp.failure(f"login failed for {self.account['username']}")

    def _csrf(self) -> dict:
        return {"X-CSRFToken": self.client.cookies.get("csrftoken", ""),
                "Referer": self.host + self.account["url"]}

    def _load_version(self):
        with self.client.get(self.account["url"], name="page (load version)",
                             catch_response=True) as resp:
            m = VERSION.search(resp.text or "")
            if not m:
                resp.failure("no base_version on the section page")
                return None
            return int(m.group(1) or m.group(2))

    def _get(self, url, name="page"):
        with self.client.get(url, name=name, catch_response=True) as resp:
            if resp.status_code != 200 or "/login/" in resp.url:
                resp.failure(f"{resp.status_code} {resp.url} {resp.error or ''}")

    def _save(self):
        """The page's autosave (static/js/autosave.js): a JSON patch of the one changed item
        {base_version, items: {field: [[field, text]]}}, not the whole form (declare.patch)."""
        acc = self.account
        token = f"{acc['username']}-{self.saves}-{time.time_ns()}"
        text = f"{acc['post'][acc['field']]}〔{token}〕"
        body = json.dumps({"base_version": self.version,
                           "items": {acc["field"]: [[acc["field"], text]]}}, ensure_ascii=False)
        with self.client.post(acc["url"], data=body.encode(), name="save", catch_response=True,
                              headers={**self._csrf(), "X-Autosave": "1",
                                       "Content-Type": "application/json"}) as resp:
            try:
                body = resp.json()
            except ValueError:
                body = {}
            if resp.status_code != 200 or not body.get("ok"):
                resp.failure(f"{resp.status_code} {str(body)[:200]} {resp.error or ''}")
                self.version = self._load_version()
                return
            self.version = body["version"]
            self.saves += 1
            ACKS.append({"kind": "save", "app": acc["app"], "key": acc["key"],
                         "version": body["version"], "token": token})

    def _submit(self):
        acc = self.account
        with self.client.post(acc["submit_url"], data={}, name="submit", catch_response=True,
                              headers=self._csrf(), allow_redirects=False) as resp:
            if resp.status_code != 302 or not resp.headers.get("Location", "").endswith(
                    f"/{acc['app']}/"):
                resp.failure(f"{resp.status_code} {resp.headers.get('Location')} "
                             f"{resp.error or ''}")
                return
            ACKS.append({"kind": "submit", "app": acc["app"]})

    @task
    def visit(self):
        if THINK and not self.arrived:
            # Users of the latency run arrive spread over one think time, as people do, not
            # all 50 in the same millisecond when the barrier opens (that burst alone was 12 %
            # of a 10-second run's requests and set its p95).
            self.arrived = True
            spread = RUSH_PAUSE[1] if SCENARIO == "rush" else 1.5
            gevent.sleep(random.uniform(0, spread))  # noqa: S311 - not cryptography
        if SCENARIO == "rush":
            if not self.saves or time.monotonic() - RELEASED[0] < self.typing:
                self._save()
                return
            if self.account.get("submit_url"):
                self._submit()
            raise StopUser()
        if SPEC.get("save"):
            self._save()
        else:
            self._get(self.account.get("url") or SPEC["url"])
