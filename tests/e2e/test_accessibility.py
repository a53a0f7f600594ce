"""Every page of the permission matrix, as each role sees it, checked by axe-core against WCAG
2.1 A/AA (GB/T 37668-2019): no serious or critical violation (issue 15 §9). The count per page
is printed as a table."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from declare.services.sections import specs_for

from ..matrix.cases import all_cases
from .a11y import blocking_violations, details, ensure_axe, table

pytestmark = pytest.mark.e2e
pytest_plugins = ["tests.matrix.fixtures"]

# One account per role of the cast (the others of the same role open the same templates on
# other objects): applicant units A and B, recommender, expert, reviewer, administrator,
# an outsider with no membership, and nobody logged in.
ROLES = ("anonymous", "alice", "bob", "rex", "eve", "rita", "adam", "charlie")


def pages_of(world) -> dict[str, list[str]]:
    """Every GET page of the matrix once, as the first role of ROLES that may open it, and each
    role's home page (its cards differ); then every section of the units' drafts (the matrix
    opens one; the repeating rows and the 表4-2 grid are in others) and a page not found."""
    pages: dict[str, list[str]] = {role: ["/"] for role in ROLES}
    pages["anonymous"] = [reverse("login"), reverse("orgs:unlock_email")]
    seen = {"/"}
    for cases in all_cases().values():
        for case in cases:
            path = case.path(world)
            role = next((r for r in ROLES if r in case.allowed), None)
            if case.method == "get" and role and path not in seen:
                seen.add(path)
                pages[role].append(path)
    for role, app in (("alice", world.app_a_draft), ("bob", world.app_b_draft)):
        pages[role] += [p for p in (reverse("declare:section", args=[app.pk, spec.key])
                                    for spec in specs_for(app)) if p not in seen]
    pages["alice"].append("/declare/999999/")
    return pages


def signed_in(browser, live_server, user):
    """A browser context holding the session of one login (force_login: both factors given)."""
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai",
                                  viewport={"width": 1360, "height": 900},
                                  base_url=live_server.url, bypass_csp=True)
    if user is not None:
        client = Client()
        client.force_login(user)
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                              "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
    return context


def html_page(page, path) -> bool:
    """Open path; False for a download, anything not HTML, and the HTML fragments that htmx
    swaps into a page (a job's progress): they are checked inside the page that shows them."""
    try:
        response = page.goto(path, wait_until="load")
    except PlaywrightError as e:
        if "Download is starting" in str(e):
            return False
        raise
    if response is None or "text/html" not in response.headers.get("content-type", ""):
        return False
    return "<html" in response.text()[:300].lower()


def refused_budget(page, app) -> list[dict]:
    """The 表4-2 page showing a refused amount: its message and marks are checked too."""
    page.goto(reverse("declare:section", args=[app.pk, "t4_2"]))
    page.fill("[name='budget-system-central']", "-5")
    with page.expect_navigation():
        page.click("button[name=_save]")
    assert page.locator("td.has-error [aria-invalid=true]").count() == 1
    return blocking_violations(page)


def test_every_page_of_every_role_has_no_serious_or_critical_violation(browser, live_server,
                                                                        world, capsys):
    ensure_axe()
    rows = []
    for role, paths in pages_of(world).items():
        context = signed_in(browser, live_server, world.users.get(role))
        page = context.new_page()
        page.set_default_timeout(15000)
        for path in paths:
            if html_page(page, path):
                rows.append((role, page.url.removeprefix(live_server.url), blocking_violations(page)))
        if role == "bob":
            rows.append((role, "表4-2 保存后有误", refused_budget(page, world.app_b_draft)))
        context.close()
    with capsys.disabled():
        print(f"\naxe-core（WCAG 2.1 A/AA）：{len(rows)} 个页面\n{table(rows)}")
    assert len({r for r, _, _ in rows}) == len(ROLES)
    assert not any(found for _, _, found in rows), details(rows)
