"""`make run` as a new user meets it: SQLite, the demo data, no Redis (in-process tasks). Each
demo account logs in through the real two-step login and clicks through every link of every
page it reaches (tests/sqlite/walk.py, breadth first, a few pages of each kind): every page
answers 200, and each role reaches the pages of its own work. PostgreSQL-only SQL (an
ArraySubquery, DISTINCT ON) on any reached page is a 500 here, as it was on the inbox and the
receipt once (2026-12-02)."""

import json
import os
import re
import subprocess
import sys

import pytest

from .faults_support import ROOT

WALK = ROOT / "tests" / "sqlite" / "walk.py"
# (account, a page of its own work it must reach by clicking from its home page)
REACHES = [
    ("app_baotou1", r"/declare/\d+/sections/t1_1/"),
    ("app_baotou1", r"/declare/\d+/materials/"),
    ("app_jiaotong1", r"/declare/new/"),  # no application yet in the demo
    ("rec_baotou", r"/quotas/\d+/\d+/"),
    ("rec_baotou", r"/quotas/\d+/\d+/ranking/"),
    ("rec_jiaotong", r"/quotas/\d+/\d+/"),
    ("reviewer", r"/review/calls/\d+/receipt/"),
    ("reviewer", r"/review/calls/\d+/stats/"),
    ("reviewer", r"/quotas/region/\d+/"),
    ("reviewer_ordos", r"/review/calls/\d+/"),
    ("admin", r"/review/experts/"),
    ("expert1", r"/review/tasks/"),
]
USERS = sorted({user for user, _ in REACHES} | {"expert2"})


def _env(tmp) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("REDIS_URL", "DATABASE_OWNER_URL", "CELERY_BROKER_URL")}
    env.update(DATABASE_URL=f"sqlite:///{tmp / 'demo.sqlite3'}", PRIVATE_MEDIA_ROOT=str(tmp / "p"),
               MEDIA_ROOT=str(tmp / "m"), PYTHONPATH=str(ROOT),
               DJANGO_SETTINGS_MODULE="config.settings")
    return env


@pytest.fixture(scope="module")
def walked(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("make-run")
    env = _env(tmp)
    for command in (["migrate", "--noinput", "-v0"], ["seed_demo", "-v0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                       capture_output=True, timeout=600)
    out = subprocess.run([sys.executable, str(WALK), *USERS], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True, timeout=900)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("user", USERS)
def test_demo_account_logs_in_and_every_page_it_reaches_answers(walked, user):
    result = walked[user]
    assert result["login"], f"{user}: the demo login failed"
    failed = {url: page for url, page in result["pages"].items() if page["status"] != 200}
    assert not failed, f"{user}: {failed}"
    assert len(result["pages"]) >= 5, result["pages"]


def test_each_role_reaches_the_pages_of_its_work(walked):
    missing = [(user, page) for user, page in REACHES
               if not any(re.fullmatch(page, url) for url in walked[user]["pages"])]
    assert not missing, missing


def test_the_walk_covers_the_site(walked):
    """More than a handful of pages: the walk followed links, it did not stop at the home."""
    assert sum(len(r["pages"]) for r in walked.values()) > 150
