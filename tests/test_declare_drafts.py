"""Issue 15 §2/§3: a draft keeps whatever was typed — invalid values are stored with their
message, make the section incomplete and block submission — and a background save after the
session ended gets a JSON 401, not the login page."""

import json
import time

import pytest
from django.test import Client
from django.urls import reverse

from core import pii
from declare.demo import base as demo_base
from declare.forms import to_post
from declare.forms.section import RAW_MAX
from declare.models import Section
from declare.schema import BASE_ELIGIBILITY, BASE_T1_1, BASE_T1_2
from declare.services.sections import completeness, save_section
from declare.services.workflow import submission_problems
from orgs.security import ABSOLUTE_KEY

from .test_declare_forms_views import make_app

pytestmark = pytest.mark.django_db

LOGIN_AGAIN = "登录已失效，请重新登录；已输入的内容已保存在本机"


@pytest.fixture
def app(call, alice, unit_a):
    return make_app(call, alice, unit_a, codes=("6-18-01-01",))


def url(app, key):
    return reverse("declare:section", args=[app.pk, key])


def t1_1_post(unit, **changes) -> dict:
    values = demo_base.sections(unit.credit_code)["t1_1"]
    return {**to_post(BASE_T1_1, values), **changes}


def autosave(client, app, key, data):
    return client.post(url(app, key), data, HTTP_X_AUTOSAVE="1")


# ---------------------------------------------------------------- drafts keep every word
def test_an_invalid_mobile_is_kept_encrypted_next_to_the_rest_of_the_typing(client, alice, app,
                                                                           unit_a):
    client.force_login(alice)
    r = autosave(client, app, "t1_1", t1_1_post(unit_a, legal_mobile="1381234", bank="新开户行"))
    body = json.loads(r.content)
    assert (r.status_code, body["ok"], body["version"], body["complete"]) == (200, True, 1, False)
    assert body["errors"] == {"legal_mobile": ["手机号码应为11位数字，以13—19开头，如 13912345678。"]}
    section = Section.objects.get(application=app, key="t1_1")
    assert section.data["bank"] == "新开户行" and section.data["legal_mobile"] == ""
    stored = section.pending["legal_mobile"]
    assert stored["value"].startswith(pii.PREFIX) and pii.decrypt(stored["value"]) == "1381234"
    assert stored["errors"] == ["手机号码应为11位数字，以13—19开头，如 13912345678。"]
    html = client.get(url(app, "t1_1")).content.decode()
    assert 'value="1381234"' in html and "手机号码应为11位数字，以13—19开头，如 13912345678。" in html
    assert 'value="新开户行"' in html


def test_a_section_with_a_stored_invalid_value_is_not_complete_and_blocks_submission(
        client, alice, app, unit_a):
    client.force_login(alice)
    autosave(client, app, "t1_1", t1_1_post(unit_a, legal_mobile="1381234"))
    row = next(r for r in completeness(app) if r["key"] == "t1_1")
    assert (row["complete"], row["missing"], row["invalid"]) == (False, [], ["法人代表信息·手机"])
    assert "填写有误，请修改：表1-1：法人代表信息·手机" in submission_problems(app)
    overview = client.get(reverse("declare:overview", args=[app.pk])).content.decode()
    assert "填写有误：法人代表信息·手机" in overview


def test_correcting_the_value_clears_it_and_completes_the_section(client, alice, app, unit_a):
    client.force_login(alice)
    autosave(client, app, "t1_1", t1_1_post(unit_a, legal_mobile="1381234"))
    r = autosave(client, app, "t1_1", t1_1_post(unit_a, legal_mobile="13812345678", base_version="1"))
    assert json.loads(r.content) | {"saved_at": ""} == {
        "ok": True, "version": 2, "complete": True, "saved_at": "", "errors": {}}
    section = Section.objects.get(application=app, key="t1_1")
    assert section.pending == {} and pii.decrypt(section.data["legal_mobile"]) == "13812345678"
    assert not any("t1_1" in p or "表1-1" in p for p in submission_problems(app))


def test_explicit_save_with_an_invalid_value_stores_the_draft_and_says_so(client, alice, app,
                                                                         unit_a):
    client.force_login(alice)
    r = client.post(url(app, "t1_1"), {**t1_1_post(unit_a, contact_mobile="abc"), "_next": "1"},
                    follow=True)
    assert r.redirect_chain == [(url(app, "t1_1"), 302)]
    html = r.content.decode()
    assert "已保存草稿，有 1 处需修改，请按提示修改。" in html
    assert 'value="abc"' in html
    assert Section.objects.get(application=app, key="t1_1").data["bank"] == \
        demo_base.sections(unit_a.credit_code)["t1_1"]["bank"]


def test_an_invalid_cell_keeps_its_row_and_is_shown_where_the_row_is_stored(client, alice, app):
    client.force_login(alice)
    values = demo_base.sections("")["eligibility"]
    data = to_post(BASE_ELIGIBILITY, values)
    first = values["training"][0]
    data.update({f"training-{i}-{k}": "" for i in (1, 2) for k in first})
    data["training-2-trainees"] = "很多"   # row 2 typed only here; row 1 left blank
    r = autosave(client, app, "eligibility", data)
    assert json.loads(r.content)["errors"] == {"training-2-trainees": ["请填写整数，如 1200 或 1,200。"]}
    section = Section.objects.get(application=app, key="eligibility")
    assert len(section.data["training"]) == 2
    assert section.pending == {"training-1-trainees": {"value": "很多", "errors": ["请填写整数，如 1200 或 1,200。"]}}
    row = next(r for r in completeness(app) if r["key"] == "eligibility")
    assert "2022—2024年职业技能培训开展情况第2行·培训人次" in row["invalid"]
    html = client.get(url(app, "eligibility")).content.decode()
    assert 'name="training-1-trainees" value="很多"' in html


def test_an_invalid_cell_of_a_deleted_row_is_dropped(client, alice, app):
    client.force_login(alice)
    values = demo_base.sections("")["eligibility"]
    data = {**to_post(BASE_ELIGIBILITY, values), "training-TOTAL": "4",
            "training-3-trainees": "很多", "training-3-DELETE": "on"}
    r = autosave(client, app, "eligibility", data)
    body = json.loads(r.content)
    assert (body["errors"], body["complete"]) == ({}, True)
    assert Section.objects.get(application=app, key="eligibility").pending == {}


def test_an_over_long_text_is_kept_as_typed_up_to_the_raw_limit(client, alice, app):
    client.force_login(alice)
    text = "长" * (RAW_MAX + 5000)
    r = autosave(client, app, "t1_2", to_post(BASE_T1_2, {"background": text}))
    assert json.loads(r.content)["errors"] == {
        "background": [f"最多填写20000个字（当前{len(text)}个）。"]}
    kept = Section.objects.get(application=app, key="t1_2").pending["background"]["value"]
    assert kept == "长" * RAW_MAX


def test_the_optimistic_lock_still_refuses_a_stale_draft(client, alice, app):
    save_section(application=app, key="t1_2", data={"background": "他人内容", "foundation": ""},
                 base_version=0, by=alice)
    client.force_login(alice)
    data = to_post(BASE_T1_2, {"background": "我的内容"})
    r = autosave(client, app, "t1_2", data)
    assert (r.status_code, json.loads(r.content)["conflict"]) == (409, True)
    section = Section.objects.get(application=app, key="t1_2")
    assert (section.version, section.data["background"], section.pending) == (1, "他人内容", {})


# ---------------------------------------------------------------- the session ended
def _assert_login_again(r, app, key):
    assert r.status_code == 401
    body = json.loads(r.content)
    assert (body["ok"], body["login"], body["message"]) == (False, True, LOGIN_AGAIN)
    assert body["login_url"] == f"/login/?next={url(app, key)}"
    return body


def test_a_background_save_after_a_second_login_elsewhere_answers_json_401(client, alice, app):
    client.force_login(alice)
    Client().force_login(alice)  # the same account logs in elsewhere
    r = autosave(client, app, "t1_2", to_post(BASE_T1_2, {"background": "打字中"}))
    body = _assert_login_again(r, app, "t1_2")
    assert body["reason"] == "您的账号已在其他地方登录，当前会话已结束。"
    assert not Section.objects.filter(application=app, key="t1_2").exists()


def test_a_background_save_after_the_idle_time_out_answers_json_401(client, app):
    # an expired session cookie reaches the app as an anonymous request
    _assert_login_again(autosave(client, app, "t1_2", to_post(BASE_T1_2, {})), app, "t1_2")
    r = client.post(url(app, "t1_2"), to_post(BASE_T1_2, {}))
    assert (r.status_code, r.url) == (302, f"/login/?next={url(app, 't1_2')}")


def test_a_background_save_after_the_12_hour_lifetime_answers_json_401(client, alice, app):
    client.force_login(alice)
    session = client.session
    session[ABSOLUTE_KEY] = time.time() - 13 * 3600
    session.save()
    body = _assert_login_again(autosave(client, app, "t1_2", to_post(BASE_T1_2, {})), app, "t1_2")
    assert body["reason"] == "登录时间已超过上限，请重新登录。"
