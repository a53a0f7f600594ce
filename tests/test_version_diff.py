"""比较提交版本 (issue 18 §8): declare.diff over two readings, and the page that shows it to
the unit, its recommender and the call's issuer — each reading values as declare.reading shows
them to that viewer."""

import pytest
from django.urls import reverse

from audit.models import AuditAction, AuditLog
from declare.diff import ADDED, CHANGED, REMOVED, SAME, changed_only, diff_readings
from declare.models import Section
from declare.schema import section_spec
from declare.services.sections import save_section
from declare.services.workflow import (
    return_for_revision,
    save_unchanged_reason,
    submit_application,
)

from .test_declare_workflow_builders import complete_application


def _sec(key, rows=(), tables=()):
    return {"key": key, "heading": f"表 {key}", "rows": list(rows), "tables": list(tables)}


def _group(rows):
    return {"label": "人员", "columns": ["姓名", "职务"], "rows": [list(r) for r in rows]}


def test_fields_are_compared_by_label_in_the_new_order():
    old = [_sec("a", [("单位名称", "甲"), ("地址", "包头")])]
    new = [_sec("a", [("单位名称", "甲技师学院"), ("地址", "包头")])]
    [section] = diff_readings(old, new)
    assert section["status"] == CHANGED
    assert section["fields"] == [
        {"label": "单位名称", "old": "甲", "new": "甲技师学院", "changed": True},
        {"label": "地址", "old": "包头", "new": "包头", "changed": False}]
    assert changed_only([section])[0]["fields"] == [section["fields"][0]]


def test_group_rows_added_removed_and_changed():
    old = [_sec("a", tables=[_group([("张三", "主任"), ("李四", "教师"), ("王五", "教师")])])]
    new = [_sec("a", tables=[_group([("张三", "主任"), ("李四", "副主任"), ("赵六", "教师"),
                                     ("钱七", "教师")])])]
    [table] = diff_readings(old, new)[0]["tables"]
    assert [r["status"] for r in table["rows"]] == [SAME, CHANGED, CHANGED, ADDED]
    assert table["rows"][1]["cells"] == [{"old": "李四", "new": "李四", "changed": False},
                                         {"old": "教师", "new": "副主任", "changed": True}]
    assert table["rows"][3]["cells"][0] == {"old": "", "new": "钱七", "changed": True}
    removed = diff_readings(new, old)[0]["tables"][0]["rows"]
    assert [r["status"] for r in removed] == [SAME, CHANGED, CHANGED, REMOVED]


def test_sections_only_one_version_has_keep_their_place():
    old = [_sec("a"), _sec("b", [("x", "1")]), _sec("c")]
    new = [_sec("a"), _sec("c"), _sec("d", [("y", "2")])]
    diff = diff_readings(old, new)
    assert [(s["key"], s["status"]) for s in diff] == [
        ("a", SAME), ("b", REMOVED), ("c", SAME), ("d", ADDED)]
    assert [s["key"] for s in changed_only(diff)] == ["b", "d"]


def test_identical_readings_have_nothing_changed():
    reading = [_sec("a", [("单位名称", "甲")], [_group([("张三", "主任")])])]
    assert changed_only(diff_readings(reading, reading)) == []


# ---------------------------------------------------------------- the page
NEW_MOBILE = "13900001111"


@pytest.fixture
def resubmitted(db, call, unit_a, alice, rex):
    """v1, returned naming 表1-1 and 表1-2; v2 with a new 法人代表手机, 表1-2 unchanged
    with a reason."""
    app = complete_application(call=call, unit=unit_a, by=alice)
    submit_application(app, by=alice)
    return_for_revision(app, by=rex, comments="请核对法人代表联系方式。", sections=["t1_1", "t1_2"])
    app.refresh_from_db()
    section = Section.objects.get(application=app, key="t1_1")
    save_section(application=app, key="t1_1", base_version=section.version, by=alice,
                 data={**{k: v for k, v in section.data.items() if k != "credit_code"},
                       "legal_mobile": NEW_MOBILE})
    save_unchanged_reason(app, by=alice, section="t1_2", text="背景材料已是最新数据。")
    submit_application(app, by=alice)
    return app


def _mobile(value, *, mask):
    field = next(f for f in section_spec("base", "t1_1").fields() if f.key == "legal_mobile")
    return field.display(value, mask=mask)


def _get(client, user, app, query=""):
    client.force_login(user)
    return client.get(reverse("declare:version_compare", args=[app.pk, 1, 2]) + query)


def test_the_recommender_sees_the_changed_field_masked_and_the_reason(client, resubmitted, rex):
    page = _get(client, rex, resubmitted).content.decode()
    assert "法人代表信息·手机" in page and _mobile(NEW_MOBILE, mask=True) in page
    assert NEW_MOBILE not in page
    assert "背景材料已是最新数据。" in page and "请核对法人代表联系方式。" in page
    assert 'data-section="t1_1"' in page
    assert 'data-section="t1_2"' not in page          # unchanged: shown only with 显示全部
    assert "显示全部" in page
    everything = _get(client, rex, resubmitted, "?all=1").content.decode()
    assert 'data-section="t1_2"' in everything and "只显示变化" in everything
    assert not AuditLog.objects.filter(action=AuditAction.VIEW_PII, actor=rex).exists()


def test_the_unit_and_the_region_read_it_in_full_and_the_read_is_logged(
        client, resubmitted, alice, rita, eve):
    assert NEW_MOBILE in _get(client, alice, resubmitted).content.decode()
    assert NEW_MOBILE in _get(client, rita, resubmitted).content.decode()
    logged = AuditLog.objects.filter(action=AuditAction.VIEW_PII, actor=rita)
    assert logged.count() == 2          # one row per version read in full
    assert all("t1_1.legal_mobile" in e.detail["fields"] for e in logged)
    assert _get(client, eve, resubmitted).status_code == 404     # an expert: not this page


def test_links_lead_to_the_comparison(client, resubmitted, alice, rex, recommender_x):
    url = reverse("declare:version_compare", args=[resubmitted.pk, 1, 2])
    client.force_login(alice)
    assert url in client.get(reverse("declare:versions", args=[resubmitted.pk])).content.decode()
    assert url in client.get(reverse("declare:version", args=[resubmitted.pk, 2])).content.decode()
    client.force_login(rex)
    page = client.get(reverse("quotas:application", args=[recommender_x.pk, resubmitted.call_id,
                                                          resubmitted.pk])).content.decode()
    assert url in page and "与上次提交比较" in page and "背景材料已是最新数据。" in page


def test_other_units_and_a_missing_version_get_404(client, resubmitted, bob, alice):
    assert _get(client, bob, resubmitted).status_code == 404
    client.force_login(alice)
    missing = reverse("declare:version_compare", args=[resubmitted.pk, 1, 9])
    assert client.get(missing).status_code == 404
