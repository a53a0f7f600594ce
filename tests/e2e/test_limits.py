"""Issue 15 §4 in Chromium: a 50 000-character paste into a long text is kept whole, counted and
warned about (never cut by maxlength); the number grammar of static/js/numbers.js gives the
verdict of declare/numbers.py on every case of tests/number_cases.json; the live 表4-2 total
counts 1,000 and ５０ as the server stores them and refuses 1e3 with the server's message."""

from pathlib import Path

import pytest

from catalog.loader import load_occupations
from catalog.models import Occupation
from declare.forms.fields import TEXTAREA_MAX
from declare.models import Section
from declare.numbers import AMOUNT, MESSAGES
from tests.test_declare_forms_views import make_app
from tests.test_declare_numbers import CASES, RULES, python_verdict

from .conftest import login
from .declare_forms import open_section, save

pytestmark = pytest.mark.e2e

NUMBERS_JS = Path(__file__).resolve().parents[2] / "static" / "js" / "numbers.js"
PASSWORD = "Test@pass123"   # tests.factories.UserFactory


@pytest.fixture
def draft(transactional_db, call, alice, unit_a):
    if not Occupation.objects.exists():
        load_occupations(Occupation)
    return make_app(call, alice, unit_a)


def test_the_browser_parser_gives_the_servers_verdict_on_every_case(browser):
    context = browser.new_context()
    page = context.new_page()
    page.add_script_tag(path=str(NUMBERS_JS))
    specs = {name: rule.spec() for name, rule in RULES.items()}
    got = page.evaluate(
        """([cases, specs]) => cases.map(c => {
             const v = NumberGrammar.parse(c.input, specs[c.rule]);
             return v.ok ? {value: v.value} : {refused: v.code, message: v.message};
           })""", [CASES, specs])
    context.close()
    expected = [python_verdict(c) for c in CASES]
    assert [{k: g[k] for k in ("value", "refused") if k in g} for g in got] == [
        {k: e[k] for k in ("value", "refused") if k in e} for e in expected]
    assert [g.get("message") for g in got] == [e.get("message") for e in expected]
    assert len(CASES) >= 60


def test_a_50000_character_paste_is_kept_whole_counted_and_warned(page, live_server, draft,
                                                                   shot):
    text = ("职业技能培训基地建设，" * 5000)[:50000]
    login(page, "alice", PASSWORD)
    open_section(page, draft.pk, "t1_2")
    area = page.locator("textarea[name=background]")
    counter = page.locator("#id_background-count")
    assert area.get_attribute("maxlength") is None
    assert counter.inner_text() == f"已输入 0 / {TEXTAREA_MAX}"
    area.fill("项目背景🙂\n")     # characters, not UTF-16 units; the trailing line end is trimmed
    assert counter.inner_text() == f"已输入 5 / {TEXTAREA_MAX}"
    area.fill("")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                   origin=live_server.url)
    page.evaluate("t => navigator.clipboard.writeText(t)", text)
    area.focus()
    page.keyboard.press("Control+V")
    warning = page.locator("textarea[name=background] ~ .limit-warning")
    warning.wait_for()
    assert area.evaluate("el => el.value.length") == 50000
    assert counter.inner_text() == "已输入 50000 / 20000，超出 30000 字，请精简后再保存"
    assert warning.inner_text() == (
        "粘贴的内容共 50000 字，超过上限 20000 字。粘贴的内容已全部保留在框中（未截断）并标为红色，"
        "请精简到 20000 字以内再保存。")
    assert "over-limit" in area.get_attribute("class")
    shot(page, "limits-paste-50000")
    messages = save(page, expect_ok=False)
    assert "已保存草稿，有 1 处需修改" in messages
    assert page.locator("textarea[name=background]").evaluate("el => el.value") == text
    cell = page.locator("td", has=page.locator("textarea[name=background]"))
    assert "最多填写20000个字（当前50000个）。" in cell.inner_text()
    # Trimmed to the limit in the box itself, it saves whole.
    page.locator("textarea[name=background]").fill(text[:20000])
    assert counter.inner_text() == f"已输入 20000 / {TEXTAREA_MAX}"
    assert not warning.is_visible()
    save(page)
    stored = Section.objects.get(application=draft, key="t1_2").data["background"]
    assert stored == text[:20000]


def test_long_texts_in_rows_added_later_get_their_counter(page, draft):
    login(page, "alice", PASSWORD)
    open_section(page, draft.pk, "t3_1_2")
    group = page.locator("fieldset[data-group='system']")
    assert group.locator("tr[data-row] .limit-counter").first.inner_text() == "已输入 0 / 20000"
    group.locator("[data-add-row]").click()
    added = group.locator("tr[data-row]").last.locator("textarea").first
    added.fill("建设内容")
    row = group.locator("tr[data-row]").last
    assert row.locator(".limit-counter").first.inner_text() == "已输入 4 / 20000"


def totals(page) -> dict:
    return {"grand": page.locator("[data-row-total='total']").inner_text(),
            "system": page.locator("[data-row-total='system']").inner_text(),
            "central": page.locator("[data-col-total='central']").inner_text()}


def test_the_live_budget_total_counts_numbers_as_the_server_stores_them(page, draft, shot):
    login(page, "alice", PASSWORD)
    open_section(page, draft.pk, "t4_2")
    page.fill("[name='budget-system-central']", "1,000")
    page.fill("[name='budget-system-local']", "５０")
    page.fill("[name='budget-capacity-central']", "1e3")
    exponent = page.locator("td", has=page.locator("[name='budget-capacity-central']"))
    assert totals(page) == {"grand": "1050.00", "system": "1050.00", "central": "1000.00"}
    assert exponent.locator(".js-amount-error").inner_text() == AMOUNT.message("exponent")
    assert AMOUNT.message("exponent") == MESSAGES["exponent"]
    assert "bad-amount" in page.locator("[name='budget-capacity-central']").get_attribute("class")
    assert page.locator("[name='budget-system-central']").get_attribute("class") == "amount"
    shot(page, "limits-budget-live")
    # The server refuses 1e3 with the same words at the same cell and keeps it in the draft.
    messages = save(page, expect_ok=False)
    assert "已保存草稿，有 1 处需修改" in messages
    server = page.locator("td.has-error", has=page.locator("[name='budget-capacity-central']"))
    assert server.locator("ul.errorlist").text_content() == MESSAGES["exponent"]
    assert server.locator(".js-amount-error").inner_text() == MESSAGES["exponent"]
    # The valid cells were stored with the draft, as the server reads them.
    assert page.locator("[name='budget-system-local']").input_value() == "50.00"
    assert totals(page)["grand"] == "1050.00"
    page.fill("[name='budget-capacity-central']", "")
    save(page)
    budget = Section.objects.get(application=draft, key="t4_2").data["budget"]
    assert (budget["system"]["central"], budget["system"]["local"]) == ("1000.00", "50.00")
    assert totals(page) == {"grand": "1050.00", "system": "1050.00", "central": "1000.00"}
    shot(page, "limits-budget-saved")
