"""Issue 20 §2: the autosave is a small write — the changed items of one section as a JSON
patch under the optimistic lock, read by the section form and checked by the boundary like a
full save, a tiny JSON answer, and nothing else touched."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditLog
from core import pii
from declare.demo import base as demo_base
from declare.models import Application, ApplicationStatus, Section
from declare.selectors import access_application
from declare.services.sections import save_section
from orgs.roles import Role

from .factories import member
from .test_declare_forms_views import make_app

pytestmark = pytest.mark.django_db

MOBILE = "手机号码应为11位数字，以13—19开头，如 13912345678。"


@pytest.fixture
def app(call, alice, unit_a):
    return make_app(call, alice, unit_a, codes=("6-18-01-01",))


def stored(app, alice, unit_a, keys=("t1_1", "t1_2")):
    for key, values in demo_base.sections(unit_a.credit_code).items():
        if key in keys:
            save_section(application=app, key=key, data=values, base_version=0, by=alice)


def patch(client, app, key, version, items):
    return client.post(reverse("declare:section", args=[app.pk, key]),
                       json.dumps({"base_version": version, "items": items}),
                       content_type="application/json", HTTP_X_AUTOSAVE="1")


def section(app, key):
    return Section.objects.get(application=app, key=key)


def test_a_patch_stores_only_the_items_it_names(client, alice, app, unit_a):
    stored(app, alice, unit_a)
    client.force_login(alice)
    r = patch(client, app, "t1_2", 1, {"background": [["background", " 新的背景 "]]})
    body = json.loads(r.content)
    assert (r.status_code, body["ok"], body["version"], body["errors"]) == (200, True, 2, {})
    assert set(body) == {"ok", "version", "complete", "saved_at", "errors"}
    assert r.templates == []   # no page rendered
    t1_2 = section(app, "t1_2")
    assert t1_2.data["background"] == "新的背景"
    assert t1_2.data["foundation"] == demo_base.T1_2["foundation"]
    assert (t1_2.version, t1_2.updated_by) == (2, alice)


def test_an_invalid_value_is_refused_with_its_message_and_kept_as_typed(client, alice, app,
                                                                       unit_a):
    stored(app, alice, unit_a)
    client.force_login(alice)
    r = patch(client, app, "t1_1", 1, {"legal_mobile": [["legal_mobile", "1381234"]],
                                       "bank": [["bank", "新开户行"]]})
    body = json.loads(r.content)
    assert (r.status_code, body["complete"], body["errors"]) == (200, False,
                                                                {"legal_mobile": [MOBILE]})
    t1_1 = section(app, "t1_1")
    assert (t1_1.data["bank"], t1_1.data["legal_mobile"]) == ("新开户行", "")
    assert t1_1.data["legal_name"] == demo_base.T1_1["legal_name"]   # untouched
    assert pii.decrypt(t1_1.pending["legal_mobile"]["value"]) == "1381234"
    r = patch(client, app, "t1_1", 2, {"bank": [["bank", "再改开户行"]]})
    assert json.loads(r.content)["errors"] == {"legal_mobile": [MOBILE]}   # still wrong, still said
    r = patch(client, app, "t1_1", 3, {"legal_mobile": [["legal_mobile", "13904721234"]]})
    assert json.loads(r.content) | {"saved_at": ""} == {
        "ok": True, "version": 4, "complete": True, "saved_at": "", "errors": {}}
    assert section(app, "t1_1").pending == {}


@pytest.mark.parametrize(("items", "field", "message"), [
    ({"nonexistent": [["nonexistent", "x"]]}, "nonexistent", "申报表中没有该项。"),
    ({"bank": [["legal_name", "冒名"]]}, "legal_name", "申报表中没有该项。"),
])
def test_an_input_the_section_does_not_have_is_refused_by_name(client, alice, app, unit_a,
                                                               items, field, message):
    stored(app, alice, unit_a)
    client.force_login(alice)
    r = patch(client, app, "t1_1", 1, items)
    body = json.loads(r.content)
    assert (r.status_code, body["ok"], body["errors"]) == (400, False, {field: [message]})
    assert body["message"] == f"自动保存未能保存：{message}"
    assert section(app, "t1_1").version == 1


def test_half_a_group_is_refused_and_a_whole_group_replaces_its_rows(client, alice, app):
    client.force_login(alice)
    r = patch(client, app, "eligibility", 0, {"training": [["training-0-year", "2024"]]})
    assert r.status_code == 400
    assert json.loads(r.content)["errors"] == {"training": ["数据格式不正确：本项的填写不完整。"]}
    assert not Section.objects.filter(application=app, key="eligibility").exists()
    rows = [["training-TOTAL", "3"], ["training-0-year", "2022"], ["training-0-trainees", "800"],
            ["training-1-year", ""], ["training-2-year", "2024"], ["training-2-trainees", "多人"]]
    r = patch(client, app, "eligibility", 0, {"training": rows})
    body = json.loads(r.content)
    assert r.status_code == 200 and list(body["errors"]) == ["training-2-trainees"]
    stored_now = section(app, "eligibility")
    assert [row["year"] for row in stored_now.data["training"]] == [2022, 2024]
    assert list(stored_now.pending) == ["training-1-trainees"]   # the blank row dropped out
    r = patch(client, app, "eligibility", 1, {"training": rows[:4]})
    assert r.status_code == 200 and json.loads(r.content)["errors"] == {}
    assert section(app, "eligibility").pending == {}


@pytest.mark.parametrize("body", [b"not json", b"[]", b'{"base_version": "1", "items": {}}',
                                  b'{"base_version": 1, "items": {"bank": "x"}}'])
def test_a_body_that_is_not_a_patch_answers_a_chinese_400(client, alice, app, body):
    client.force_login(alice)
    r = client.post(reverse("declare:section", args=[app.pk, "t1_2"]), body,
                    content_type="application/json", HTTP_X_AUTOSAVE="1")
    assert r.status_code == 400
    assert json.loads(r.content)["message"] == "自动保存未能保存：自动保存的数据格式不正确，请点击“保存”。"


def test_a_stale_version_answers_the_conflict_and_stores_nothing(client, alice, app, unit_a):
    stored(app, alice, unit_a)
    save_section(application=app, key="t1_2", data={"background": "他人内容"}, base_version=1,
                 by=alice)
    client.force_login(alice)
    r = patch(client, app, "t1_2", 1, {"background": [["background", "我的内容"]]})
    body = json.loads(r.content)
    assert (r.status_code, body["ok"], body["conflict"]) == (409, False, True)
    assert "本栏目" in body["message"]
    t1_2 = section(app, "t1_2")
    assert (t1_2.version, t1_2.data["background"]) == (2, "他人内容")


def test_nothing_else_changes(client, alice, app, unit_a):
    stored(app, alice, unit_a)
    client.force_login(alice)
    other = section(app, "t1_1")
    app_row = Application.objects.get(pk=app.pk)
    audit_rows = AuditLog.objects.count()
    assert patch(client, app, "t1_2", 1, {"foundation": [["foundation", "改"]]}).status_code == 200
    after = section(app, "t1_1")
    assert (after.version, after.updated_at, after.data) == (other.version, other.updated_at,
                                                             other.data)
    assert Application.objects.get(pk=app.pk).updated_at == app_row.updated_at
    assert AuditLog.objects.count() == audit_rows
    assert Section.objects.filter(application=app).count() == 2


def test_a_submitted_application_refuses_the_patch(client, alice, app, unit_a):
    stored(app, alice, unit_a)
    Application.objects.filter(pk=app.pk).update(status="submitted")
    client.force_login(alice)
    r = patch(client, app, "t1_2", 1, {"background": [["background", "晚了"]]})
    assert (r.status_code, json.loads(r.content)["ok"]) == (409, False)
    assert section(app, "t1_2").version == 1


def test_the_second_specialitys_section_is_not_there_for_one_speciality(client, alice, app):
    client.force_login(alice)
    r = patch(client, app, "t3_2_1", 0, {"x": [["x", "1"]]})
    assert r.status_code == 404


def _queries_of_one_autosave(client, app, version):
    with CaptureQueriesContext(connection) as queries:
        r = patch(client, app, "t1_2", version, {"background": [["background", f"第{version}次"]]})
    assert r.status_code == 200
    return len(queries)


def test_the_query_count_does_not_depend_on_the_size_of_the_application(client, alice, unit_a,
                                                                       call):
    """One speciality and no other section, against two specialities (the most an application
    has: speciality_position_1_2), every demo section stored and ten more applications."""
    small = make_app(call, alice, unit_a, codes=("6-18-01-01",))
    stored(small, alice, unit_a, keys=("t1_2",))
    big = make_app(call, alice, unit_a, codes=("6-18-01-01", "6-18-02-04"))
    stored(big, alice, unit_a, keys=tuple(demo_base.sections("")))
    for _ in range(10):
        make_app(call, alice, unit_a)
    client.force_login(alice)
    patch(client, small, "t1_1", 0, {"bank": [["bank", "先到的一次"]]})   # the session's first
    counts = [_queries_of_one_autosave(client, a, v) for a in (small, big) for v in (1, 2)]
    assert counts[1] == counts[3]   # a burst continued
    assert counts[0] == counts[2]   # a burst started
    # BEGIN, the section and its application read and locked by one statement scoped to the
    # user's units (access and lock at once), UPDATE the section, UPDATE the burst's history
    # row (a burst started: that UPDATE finds none, and an INSERT follows), COMMIT
    assert counts == [6, 5, 6, 5], counts


def test_another_applicant_of_the_unit_may_patch_an_outsider_may_not(client, alice, bob, app,
                                                                    unit_a):
    stored(app, alice, unit_a)
    client.force_login(bob)
    assert patch(client, app, "t1_2", 1, {"background": [["background", "x"]]}).status_code == 404
    colleague = member("carol", unit_a, Role.APPLICANT)
    client.force_login(colleague)
    assert patch(client, app, "t1_2", 1, {"background": [["background", "同事"]]}).status_code == 200
    assert section(app, "t1_2").updated_by == colleague



def test_a_section_never_saved_is_refused_to_an_outsider_and_created_by_the_unit(client, alice,
                                                                                bob, app):
    """The locking read finds no section: access_application decides (404), and the unit's
    own first patch creates the section under the application's lock."""
    client.force_login(bob)
    assert patch(client, app, "t1_2", 0, {"background": [["background", "x"]]}).status_code == 404
    assert not Section.objects.filter(application=app, key="t1_2").exists()
    client.force_login(alice)
    r = patch(client, app, "t1_2", 0, {"background": [["background", "第一次"]]})
    assert (r.status_code, json.loads(r.content)["version"]) == (200, 1)
    assert (section(app, "t1_2").data["background"], section(app, "t1_2").updated_by) == (
        "第一次", alice)


def test_who_may_read_but_not_write_is_refused_the_patch(client, alice, rex, rita, app, unit_a):
    """The unit's recommender and the region's reviewer read a submitted application; neither
    may patch a section of it, stored or not: 404 (not yours), not 409 (not editable)."""
    stored(app, alice, unit_a)
    Application.objects.filter(pk=app.pk).update(status=ApplicationStatus.SUBMITTED)
    for user in (rex, rita):
        client.force_login(user)
        assert access_application(user, app.pk) == app   # may read it
        for key, version in (("t1_2", 1), ("t2_1", 0)):
            r = patch(client, app, key, version, {"x": [["x", "y"]]})
            assert r.status_code == 404, (user, key)
    assert section(app, "t1_2").version == 1
    assert not Section.objects.filter(application=app, key="t2_1").exists()
