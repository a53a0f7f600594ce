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
    # the review stage (review.demo_scoring): the call in scoring, its two panels
    ("reviewer", r"/review/panels/\d+/"),
    ("reviewer", r"/review/panels/\d+/progress/"),
    ("reviewer", r"/review/panels/\d+/results/"),
    ("reviewer", r"/review/calls/\d+/decision/studio/"),
    ("expert1", r"/review/tasks/"),
    ("expert1", r"/review/tasks/\d+/"),   # the expert scoring sheet
    ("expert3", r"/review/panels/\d+/progress/"),   # 组长
    ("expert3", r"/review/panels/\d+/results/"),
]
USERS = sorted({user for user, _ in REACHES} | {"expert2"})
SHEET = re.compile(r"/review/tasks/\d+/")


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


def _shown(result, page: str) -> dict[str, list[str]]:
    """{url: the 申报编号 it shows} of the reached pages matching `page`."""
    return {url: p["references"] for url, p in result["pages"].items()
            if re.fullmatch(page, url)}


def test_the_expert_scores_the_projects_left_after_conflicts(walked):
    """expert1 declared 回避 on one 包头市 project (2025-JD-0010) and another one is scored by
    the others: its one sheet is 2025-JD-0008; expert2 (same 盟市 as every project) has none."""
    sheets = _shown(walked["expert1"], SHEET.pattern)
    assert sorted(sheets.values()) == [["2025-JD-0008"]]
    assert all(walked["expert1"]["pages"][url]["title"].startswith("评分表 2025-JD-0008")
               for url in sheets)
    assert _shown(walked["expert1"], r"/review/tasks/") == {"/review/tasks/": ["2025-JD-0008"]}
    assert _shown(walked["expert2"], r"/review/tasks/") == {"/review/tasks/": []}


def test_the_office_sees_the_panels_and_the_closed_studio_result(walked):
    reviewer = walked["reviewer"]
    shown = sorted(refs for refs in _shown(reviewer, r"/review/panels/\d+/progress/").values()
                   if refs)
    assert shown == [["2025-JD-0008", "2025-JD-0009", "2025-JD-0010"]]
    assert list(_shown(reviewer, r"/review/panels/\d+/results/").values()) == [["2025-GZ-0003"]]
    assert ["2025-GZ-0003"] in _shown(reviewer, r"/review/calls/\d+/decision/studio/").values()
