"""Browser journeys in Debian's Chromium (no browser download), against the live server."""

import os
import time

import pyotp
import pytest
from django.core.management import call_command

from catalog.loader import load_occupations
from catalog.models import Occupation
from orgs.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET

# Playwright's sync API runs an event loop in this thread; the ORM calls in the tests are
# ordinary blocking calls made between browser steps.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    # transactional_db first: the page is closed, and the live server's requests have ended,
    # before the test database is flushed. A page's late autosave (1.5 s after the last key)
    # locking its section while the flush truncated the tables deadlocked a teardown in CI.
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai",
                                  viewport={"width": 1360, "height": 900},
                                  base_url=live_server.url, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()
    wait_for_other_sessions_idle()


def wait_for_other_sessions_idle(timeout: float = 10.0) -> None:
    """Until no other session of the test database runs a statement or holds a transaction
    open (the live server's threads finishing a request the closed page had sent)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND backend_type = 'client backend' "
                "AND state IN ('active', 'idle in transaction')")
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.05)


@pytest.fixture
def demo(transactional_db, settings):
    """The demo data set (the transactional flush empties the catalogue, so reload it)."""
    settings.DEBUG = True
    if not Occupation.objects.exists():
        load_occupations(Occupation)
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False


def login(page, username, password=DEMO_PASSWORD, secret=DEMO_TOTP_SECRET):
    """The real two-step login; reviewers and administrators give the code of their secret (the
    demo ones share DEMO_TOTP_SECRET). A code is good once: a second login of the same account
    within one 30-second step waits for the next code."""
    page.goto("/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    if "/login/otp/" in page.url:
        give_code(page, secret)


def give_code(page, secret) -> None:
    for _ in range(3):
        totp = pyotp.TOTP(secret)
        page.fill("input[name=code]", totp.now())
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        if "已使用过" not in page.content():
            return
        time.sleep(30.5 - time.time() % 30)


@pytest.fixture
def shot(tmp_path_factory):
    """Save a screenshot under var/screenshots/ for people to look at."""
    from pathlib import Path

    out = Path(__file__).resolve().parents[2] / "var" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        page.screenshot(path=str(out / f"{name}.png"), full_page=True)

    return take
