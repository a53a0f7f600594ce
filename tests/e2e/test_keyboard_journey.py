"""The applicant's journey with the keyboard alone (issue 15 §9; WCAG 2.1.1, 2.4.1, 2.4.7): log
in, open the application from home, open a section, type, add a row, save, back to the overview
— Tab, Shift+Tab, Enter and Space only, and every element that takes the focus shows it."""

import pytest

from declare.models import Application, Section
from orgs.demo import DEMO_PASSWORD

pytestmark = pytest.mark.e2e

UNIT = "包头市装备制造技师学院"   # the demo's complete base draft (app_baotou1)
NEW_ROW = {"item": "键盘录入：校企共建数控实训中心", "year1": "完成实训中心改造",
           "year2": "面向社会开展培训"}

FOCUS = """sel => {
  const el = document.activeElement, cs = getComputedStyle(el);
  const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2)
               || cs.boxShadow !== 'none';
  return {match: el.matches(sel), body: el === document.body,
          visible: el.matches(':focus-visible') && ring, what: el.outerHTML.slice(0, 160)};
}"""


def tab_to(page, selector, *, back=False, limit=120):
    """Press Tab (Shift+Tab) until the focus is on `selector`; each stop must show the focus."""
    key = "Shift+Tab" if back else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        state = page.evaluate(FOCUS, selector)
        if state["body"]:
            continue
        assert state["visible"], f"焦点不可见：{state['what']}"
        if state["match"]:
            return
    raise AssertionError(f"{key} ×{limit} 未到达 {selector}")


def press_and_load(page, key="Enter"):
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_load_state("networkidle")


def test_applicant_journey_with_the_keyboard_alone(page, demo, shot):
    app = Application.objects.get(unit__name=UNIT, call__year=2025)
    rows_before = len(Section.objects.get(application=app, key="t3_1_2").data["system"])

    page.goto("/login/")
    tab_to(page, "input[name=username]")
    page.keyboard.type("app_baotou1")
    tab_to(page, "input[name=password]")
    page.keyboard.type(DEMO_PASSWORD)
    press_and_load(page)

    # The first Tab of a page is the skip link; Enter moves on to the content.
    tab_to(page, "a.skip-link", limit=1)
    shot(page, "keyboard-1-skip-link")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    tab_to(page, "main a[href='/declare/']")
    shot(page, "keyboard-2-home-card")
    press_and_load(page)
    tab_to(page, f"main a[href='/declare/{app.pk}/']")
    press_and_load(page)
    section = f"/declare/{app.pk}/sections/t3_1_2/"
    tab_to(page, f"main a[href='{section}']")
    press_and_load(page)
    assert page.url.endswith(section)

    tab_to(page, "fieldset[data-group=system] [data-add-row]")
    shot(page, "keyboard-3-add-row")
    page.keyboard.press("Space")   # the new row's first cell takes the focus
    for key in ("item", "year1", "year2"):
        if key != "item":
            tab_to(page, f"[name='system-{rows_before}-{key}']", limit=1)
        assert page.evaluate("document.activeElement.name") == f"system-{rows_before}-{key}"
        page.keyboard.type(NEW_ROW[key])
    shot(page, "keyboard-3b-new-row")
    # Shift+Tab back to the first cell of the new row, and on to 保存.
    tab_to(page, f"[name='system-{rows_before}-item']", back=True, limit=2)
    tab_to(page, "button[name=_save]")
    shot(page, "keyboard-4-save")
    press_and_load(page)
    assert "已保存" in page.locator(".messages").inner_text()
    stored = Section.objects.get(application=app, key="t3_1_2").data["system"]
    assert stored[rows_before] == NEW_ROW and len(stored) == rows_before + 1

    tab_to(page, f"main .pager a[href='/declare/{app.pk}/']")
    press_and_load(page)
    assert page.url.endswith(f"/declare/{app.pk}/")
    shot(page, "keyboard-5-overview")
