"""Resubmission after 退回修改 (issue 18 §8): every section the return names must read
differently from the version it was returned on, or carry the unit's 未修改原因; the reasons go
with the resubmission to the recommender. One home: declare.services.workflow."""

import pytest
from django.urls import reverse

from core.errors import DomainError
from declare.models import Section
from declare.services.sections import save_section
from declare.services.workflow import (
    flagged_sections,
    resubmission,
    return_for_revision,
    save_unchanged_reason,
    submission_items,
    submit_application,
)

from .test_declare_workflow_builders import complete_application

pytestmark = pytest.mark.django_db
T2_1_UNCHANGED = "退回意见涉及的“表2-1 项目实施工作思路”尚未修改：请修改，或说明未修改的原因。"
T1_2_UNCHANGED = "退回意见涉及的“表1-2 项目背景及工作基础”尚未修改：请修改，或说明未修改的原因。"


@pytest.fixture
def returned(call, unit_a, alice, rex):
    app = complete_application(call=call, unit=unit_a, by=alice)
    submit_application(app, by=alice)
    return_for_revision(app, by=rex, comments="请补充产业数据，细化工作思路。",
                        sections=["t1_2", "t2_1"])
    app.refresh_from_db()
    return app


def _edit(app, key, by, **values):
    section = Section.objects.get(application=app, key=key)
    save_section(application=app, key=key, base_version=section.version, by=by,
                 data={**section.data, **values})


def _refusal(app, by) -> DomainError:
    with pytest.raises(DomainError) as exc:
        submit_application(app, by=by)
    return exc.value


def test_resubmitting_with_both_flagged_sections_untouched_names_both(returned, alice):
    error = _refusal(returned, alice)
    assert error.message == "申报尚不满足提交条件，请处理以下事项后再提交。"
    assert error.problems == [T1_2_UNCHANGED, T2_1_UNCHANGED]


def test_changing_one_section_leaves_only_the_other_named(returned, alice):
    _edit(returned, "t1_2", alice, background="包头市装备制造业产值 3000 亿元。")
    assert _refusal(returned, alice).problems == [T2_1_UNCHANGED]
    items = [i for i in submission_items(returned) if "尚未修改" in i["text"]]
    assert items == [{"text": T2_1_UNCHANGED,
                      "url": reverse("declare:section", args=[returned.pk, "t2_1"])}]


def test_saving_the_same_text_again_is_not_a_change(returned, alice):
    _edit(returned, "t1_2", alice)
    assert [f["changed"] for f in flagged_sections(returned)] == [False, False]


def test_a_reason_lets_the_unchanged_section_through_and_goes_with_the_resubmission(
        returned, alice):
    _edit(returned, "t1_2", alice, background="包头市装备制造业产值 3000 亿元。")
    save_unchanged_reason(returned, by=alice, section="t2_1", text="工作思路已与推荐单位当面确认，无需修改。")
    assert submission_items(returned) == []
    submit_application(returned, by=alice)
    returned.refresh_from_db()
    assert returned.submitted_version == 2
    info = resubmission(returned, 2)
    assert info["event"].comment == "请补充产业数据，细化工作思路。"
    assert info["sections"] == [
        {"key": "t1_2", "heading": "表1-2 项目背景及工作基础", "changed": True, "reason": ""},
        {"key": "t2_1", "heading": "表2-1 项目实施工作思路", "changed": False,
         "reason": "工作思路已与推荐单位当面确认，无需修改。"}]
    assert resubmission(returned, 1) is None


def test_an_empty_reason_takes_it_back(returned, alice):
    save_unchanged_reason(returned, by=alice, section="t2_1", text="无需修改。")
    save_unchanged_reason(returned, by=alice, section="t2_1", text="  ")
    assert [f["reason"] for f in flagged_sections(returned)] == ["", ""]
    assert T2_1_UNCHANGED in _refusal(returned, alice).problems


def test_a_reason_for_a_section_the_return_did_not_name_is_refused(returned, alice):
    with pytest.raises(DomainError, match="退回意见未涉及该栏目。"):
        save_unchanged_reason(returned, by=alice, section="t4_1", text="无需修改。")


def test_only_the_units_users_give_reasons(returned, rex, bob):
    for user in (rex, bob):
        with pytest.raises(DomainError, match="申报当前不能修改。"):
            save_unchanged_reason(returned, by=user, section="t2_1", text="无需修改。")


def test_a_reason_is_refused_once_resubmitted(returned, alice):
    _edit(returned, "t1_2", alice, background="新的背景。")
    _edit(returned, "t2_1", alice, guiding="新的思路。")
    submit_application(returned, by=alice)
    with pytest.raises(DomainError):
        save_unchanged_reason(returned, by=alice, section="t2_1", text="无需修改。")


def test_reasons_of_an_earlier_return_do_not_count_for_the_next(returned, alice, rex):
    _edit(returned, "t1_2", alice, background="新的背景。")
    save_unchanged_reason(returned, by=alice, section="t2_1", text="无需修改。")
    submit_application(returned, by=alice)
    return_for_revision(returned, by=rex, comments="工作思路仍需细化。", sections=["t2_1"])
    returned.refresh_from_db()
    assert _refusal(returned, alice).problems == [T2_1_UNCHANGED]


def test_a_return_naming_no_section_asks_for_nothing(call, unit_a, alice, rex):
    app = complete_application(call=call, unit=unit_a, by=alice)
    submit_application(app, by=alice)
    return_for_revision(app, by=rex, comments="请核对。")
    app.refresh_from_db()
    assert flagged_sections(app) == []
    submit_application(app, by=alice)
    assert resubmission(app, 2)["sections"] == []


def test_the_submit_page_lists_the_flagged_sections_with_a_reason_form(returned, alice, client):
    client.force_login(alice)
    _edit(returned, "t1_2", alice, background="新的背景。")
    page = client.get(reverse("declare:submit", args=[returned.pk])).content.decode()
    assert T2_1_UNCHANGED in page
    assert 'data-flagged="t1_2">' in page and "已修改" in page
    assert reverse("declare:unchanged_reason", args=[returned.pk, "t2_1"]) in page
    url = reverse("declare:unchanged_reason", args=[returned.pk, "t2_1"])
    response = client.post(url, {"t2_1-text": "已当面确认。"})
    assert response.status_code == 302
    assert flagged_sections(returned)[1]["reason"] == "已当面确认。"
    response = client.post(url, {"t2_1-text": "长" * 2001}, follow=True)
    assert "未修改原因不能超过 2000 字。" in response.content.decode()
