"""Issue 15 §2/§3, Done when: in Chromium an applicant never loses typing — text left after
0.5 s is there on return; one invalid field (手机 "1381234") keeps all the other typing and the
invalid value with its message; a second login elsewhere ends the session mid-typing, and after
re-login the local copy is offered back and saved, or, when someone saved meanwhile, shown next
to their text instead of overwriting it."""

import re
import time

import pytest
from playwright.sync_api import expect

from catalog.loader import load_occupations
from catalog.models import Occupation
from core import pii
from declare.models import Section
from tests.test_declare_forms_views import make_app

from .conftest import login
from .declare_forms import open_section

pytestmark = pytest.mark.e2e

USER, PASSWORD = "alice", "Test@pass123"  # tests/factories.UserFactory
LOGIN_AGAIN = "登录已失效，请重新登录；已输入的内容已保存在本机"


def stored(app_pk, key, wait=5.0):
    """The section as saved, waiting a little for a save sent as the page was left."""
    end = time.monotonic() + wait
    while True:
        section = Section.objects.filter(application_id=app_pk, key=key).first()
        if section or time.monotonic() > end:
            return section
        time.sleep(0.1)


@pytest.fixture
def app_pk(transactional_db, call, alice, unit_a, page) -> int:
    """alice's base application, created in the database (the journey is the typing), and
    alice logged in through the real login page."""
    if not Occupation.objects.exists():
        load_occupations(Occupation)
    login(page, USER, PASSWORD)
    return make_app(call, alice, unit_a).pk


def accept_dialogs(page) -> list[str]:
    seen = []

    def accept(dialog):
        seen.append(dialog.type)
        dialog.accept()

    page.on("dialog", accept)
    return seen


def test_text_typed_and_left_after_half_a_second_is_there_on_return(page, app_pk, shot):
    dialogs = accept_dialogs(page)
    open_section(page, app_pk, "t1_2")
    text = "我校2019年起承担全市数控技能培训，半秒后离开本页。"
    page.locator("[name=background]").press_sequentially(text, delay=5)
    page.wait_for_timeout(500)
    page.goto(f"/declare/{app_pk}/")
    assert dialogs == ["beforeunload"]  # 离开此页？ while the typing was not yet saved
    section = stored(app_pk, "t1_2")
    assert section is not None and section.data["background"] == text
    open_section(page, app_pk, "t1_2")
    assert page.locator("[name=background]").input_value() == text
    assert page.locator("[data-draft-restore]").is_hidden()
    shot(page, "drafts-left-after-half-a-second")


def test_one_invalid_field_keeps_all_other_typing_and_the_invalid_value(page, app_pk, shot):
    open_section(page, app_pk, "t1_1")
    typed = {"authority": "包头市人力资源和社会保障局", "legal_name": "王建国",
             "legal_post": "校长", "legal_phone": "0472-5123456", "legal_mobile": "1381234",
             "bank": "中国银行包头分行"}
    for name, value in typed.items():
        page.fill(f"[name={name}]", value)
    expect(page.locator("[data-autosave-status]")).to_contain_text("有 1 处需修改")
    message = "手机号码应为11位数字，以13—19开头，如 13912345678。"
    assert message in page.locator("tr.has-error, td.has-error").first.inner_text()
    page.reload()
    for name, value in typed.items():
        assert page.locator(f"[name={name}]").input_value() == value, name
    cell = page.locator("tr.has-error", has=page.locator("[name=legal_mobile]"))
    assert message in cell.inner_text()
    shot(page, "drafts-invalid-mobile-kept")
    section = Section.objects.get(application_id=app_pk, key="t1_1")
    assert section.data["bank"] == "中国银行包头分行" and not section.complete
    assert pii.decrypt(section.pending["legal_mobile"]["value"]) == "1381234"
    page.goto(f"/declare/{app_pk}/submit/")
    assert "填写有误，请修改：表1-1：法人代表信息·手机" in page.locator("ol.problems").inner_text()


def second_login(browser, live_server):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai",
                                  base_url=live_server.url)
    other = context.new_page()
    login(other, USER, PASSWORD)
    return context, other


def session_ends_mid_typing(page, browser, live_server, app_pk, shot, name):
    """Type, let it save, log in elsewhere, type on: the page says the session ended."""
    field = page.locator("[name=background]")
    field.press_sequentially("第一段已保存。", delay=5)
    expect(page.locator("[data-autosave-status]")).to_contain_text("已自动保存")
    context, other = second_login(browser, live_server)
    field.press_sequentially("第二段在会话结束后输入。", delay=5)
    ended = page.locator("[data-session-ended]")
    ended.wait_for(state="visible")
    assert LOGIN_AGAIN in ended.inner_text()
    page.click("button[name=_save]")  # refused in the page: the text stays here
    assert ended.is_visible() and "/sections/t1_2/" in page.url
    shot(page, name)
    return context, other


def log_in_again(page, app_pk):
    """The page's 重新登录 link, the real login, and back to the same section."""
    page.click("[data-session-ended] a[data-login]")
    page.wait_for_url(re.compile(r"/login/\?next=/declare/"))
    page.fill("input[name=username]", USER)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"**/declare/{app_pk}/sections/t1_2/")


def test_session_ended_by_a_second_login_then_relogin_loses_nothing(
        page, browser, live_server, app_pk, shot):
    open_section(page, app_pk, "t1_2")
    context, _other = session_ends_mid_typing(page, browser, live_server, app_pk, shot,
                                              "drafts-session-ended")
    log_in_again(page, app_pk)
    bar = page.locator("[data-draft-restore]")
    assert "发现未保存的内容，是否恢复？" in bar.inner_text()
    assert page.locator("[name=background]").input_value() == "第一段已保存。"
    shot(page, "drafts-offer-after-relogin")
    bar.locator("[data-restore-yes]").click()
    expect(page.locator("[data-autosave-status]")).to_contain_text("已自动保存")
    want = "第一段已保存。第二段在会话结束后输入。"
    assert page.locator("[name=background]").input_value() == want
    assert Section.objects.get(application_id=app_pk, key="t1_2").data["background"] == want
    page.reload()
    assert page.locator("[data-draft-restore]").is_hidden()
    context.close()


def test_a_restored_copy_does_not_overwrite_what_was_saved_meanwhile(
        page, browser, live_server, app_pk, shot):
    open_section(page, app_pk, "t1_2")
    context, other = session_ends_mid_typing(page, browser, live_server, app_pk, shot,
                                             "drafts-session-ended-conflict")
    open_section(other, app_pk, "t1_2")
    other.fill("[name=background]", "另一处登录保存的内容。")
    with other.expect_navigation():
        other.click("button[name=_save]")
    context.close()
    log_in_again(page, app_pk)
    with page.expect_navigation():
        page.locator("[data-draft-restore] [data-restore-yes]").click()
    conflict = page.locator(".conflict")
    assert "另一处登录保存的内容。" in conflict.inner_text()
    mine = "第一段已保存。第二段在会话结束后输入。"
    assert page.locator("[name=background]").input_value() == mine
    shot(page, "drafts-restored-copy-conflict")
    page.goto(f"/declare/{app_pk}/")  # leaving the conflict page does not save over theirs
    assert Section.objects.get(application_id=app_pk, key="t1_2").data["background"] == \
        "另一处登录保存的内容。"


def test_a_local_copy_with_added_rows_is_restored_after_the_page_crashed(page, app_pk, shot):
    """The server unreachable (every save refused by the network), the page reloaded: the copy
    kept in the browser brings back the rows added with 增加一行 and their text."""
    accept_dialogs(page)
    open_section(page, app_pk, "t3_1_2")
    page.route("**/sections/t3_1_2/", lambda route: route.abort()
               if route.request.method == "POST" else route.continue_())
    group = page.locator("fieldset[data-group='system']")
    group.locator("[data-add-row]").click()
    rows = {0: "理实一体化实训室建设", 1: "数控车床实训工位扩建"}
    for i, text in rows.items():
        page.fill(f"[name='system-{i}-item']", text)
    expect(page.locator("[data-autosave-status]")).to_contain_text("网络异常")
    page.reload()
    assert group.locator("tbody[data-rows] > tr[data-row]").count() == 1
    page.unroute("**/sections/t3_1_2/")
    page.locator("[data-draft-restore] [data-restore-yes]").click()
    assert group.locator("tbody[data-rows] > tr[data-row]").count() == 2
    assert page.locator("input[name='system-TOTAL']").input_value() == "2"
    for i, text in rows.items():
        assert page.locator(f"[name='system-{i}-item']").input_value() == text
    expect(page.locator("[data-autosave-status]")).to_contain_text("已自动保存")
    shot(page, "drafts-rows-restored")
    saved = Section.objects.get(application_id=app_pk, key="t3_1_2").data["system"]
    assert [r["item"] for r in saved] == list(rows.values())


def test_logging_out_takes_this_users_local_copies_with_it(page, app_pk):
    """A shared computer: after 退出 nothing this user typed stays in the browser."""
    open_section(page, app_pk, "t1_2")
    page.evaluate("() => localStorage.setItem('draft:u999:a1:t1_2', '{}')")  # another account's
    page.locator("[name=background]").press_sequentially("共用电脑上的输入", delay=5)
    page.wait_for_function("() => Object.keys(localStorage).some(k => k.startsWith('draft:u'))")
    mine = page.evaluate("() => Object.keys(localStorage).filter(k => !k.startsWith('draft:u999'))")
    assert mine and all(k.startswith("draft:u") for k in mine)
    page.on("dialog", lambda d: d.accept())
    page.get_by_role("button", name="退出").click()
    page.wait_for_url("**/login/**")
    assert page.evaluate("() => Object.keys(localStorage)") == ["draft:u999:a1:t1_2"]
