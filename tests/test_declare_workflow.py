from datetime import timedelta

import pytest
from django.db import DatabaseError, transaction
from django.utils import timezone

from core.errors import DomainError
from declare.models import ApplicationEvent, ApplicationStatus, Section, Snapshot
from declare.services.sections import save_section
from declare.services.snapshots import digest, verify
from declare.services.workflow import (
    deadline_passed,
    return_for_revision,
    revision_comments,
    submit_application,
    withdraw_application,
)

from .test_declare_workflow_builders import complete_application

S = ApplicationStatus


@pytest.fixture
def app(call, unit_a, alice):
    return complete_application(call=call, unit=unit_a, by=alice)


def _refused(fn, *args, **kw) -> DomainError:
    with pytest.raises(DomainError) as exc:
        fn(*args, **kw)
    return exc.value


def test_submit_locks_the_application_and_freezes_version_1(app, alice, unit_a):
    submit_application(app, by=alice)
    app.refresh_from_db()
    assert (app.status, app.submitted_version, app.is_editable) == (S.SUBMITTED, 1, False)
    snap = Snapshot.objects.get(application=app)
    assert (snap.version, snap.label) == (1, f"{app.reference}-v1")
    assert snap.sha256 == digest(snap.data) and verify(snap)
    assert snap.data["application"]["reference"] == app.reference
    assert [m["item"] for m in snap.data["materials"]] == ["training_record", "evidence"]
    event = ApplicationEvent.objects.get(application=app, action="submit")
    assert (event.actor, event.actor_org, event.from_status, event.to_status) == (
        alice, unit_a, S.DRAFT, S.SUBMITTED)
    assert event.comment == f"提交版本 {app.reference}-v1"


def test_snapshot_rows_cannot_be_updated(app, alice):
    submit_application(app, by=alice)
    snap = Snapshot.objects.get(application=app)
    snap.sha256 = "0" * 64
    with pytest.raises(DatabaseError, match="提交版本不可修改"), transaction.atomic():
        snap.save()


def test_submitted_application_refuses_section_saves(app, alice):
    submit_application(app, by=alice)
    section = Section.objects.get(application=app, key="t1_2")
    with pytest.raises(DomainError, match="申报已提交"):
        save_section(application=app, key="t1_2", data={"background": "改"},
                     base_version=section.version, by=alice)


def test_only_an_applicant_of_the_unit_may_submit(app, bob, rex):
    for user in (bob, rex):
        assert _refused(submit_application, app, by=user).message == "只有本单位的申报用户可以提交申报。"
    assert app.status == S.DRAFT


def test_incomplete_application_is_refused_listing_what_is_missing(app, alice):
    section = Section.objects.get(application=app, key="t1_2")
    section.data = {"background": "", "foundation": "有"}
    section.save()
    err = _refused(submit_application, app, by=alice)
    assert err.message == "申报尚不满足提交条件，请处理以下事项后再提交。"
    assert err.problems == ["未填完：表1-2：项目背景"]
    app.refresh_from_db()
    assert app.status == S.DRAFT and not Snapshot.objects.exists()


def test_missing_material_is_refused(app, alice):
    app.materials.filter(item="training_record").delete()
    err = _refused(submit_application, app, by=alice)
    assert err.problems == [
        "申报材料未上传：2022-2024年职业技能培训工作开展情况（需经属地人力资源社会保障部门审核、盖章）"]


def test_ineligible_application_is_refused_with_the_reason(app, alice):
    section = Section.objects.get(application=app, key="eligibility")
    section.data = {**section.data, "capacity": 1800}
    section.save()
    err = _refused(submit_application, app, by=alice)
    assert err.problems == [
        "资格预审“年培训规模”不符合：年培训规模 1800 人次，低于新建基地 2000 人次要求",
        "资格预审“年培训规模与年度培训人次相符”需填写情况说明：填写的年培训规模为 1800 人次，"
        "而2022年培训 3200 人次、2023年培训 3200 人次、2024年培训 3200 人次，超过年培训规模；"
        "请核对两处数字，或说明原因"]


def test_unexplained_finding_blocks_until_explained(call, unit_a, alice):
    app = complete_application(call=call, unit=unit_a, by=alice,
                               codes=("6-18-01-01", "4-10-01-05"))
    err = _refused(submit_application, app, by=alice)
    assert err.problems[0].startswith("资格预审“项目类别与申报职业大类对应”需填写情况说明：两个申报专业分属不同类别")
    from declare.services.workflow import save_explanation
    save_explanation(app, by=alice, rule_id="common.category", text="两个专业共用实训基地。")
    submit_application(app, by=alice)
    assert app.status == S.SUBMITTED


def test_deadline_second_itself_is_still_in_time(call):
    deadline = call.deadline
    assert not deadline_passed(call, deadline)
    assert deadline_passed(call, deadline + timedelta(seconds=1))


def test_submit_after_the_deadline_is_refused(app, alice, call):
    call.recommender_deadline = timezone.now() - timedelta(seconds=1)
    call.save()
    err = _refused(submit_application, app, by=alice)
    assert err.message.startswith("已超过申报截止时间（") and err.message.endswith("），不能提交。")
    assert app.status == S.DRAFT


def test_submit_just_before_the_deadline_is_accepted(app, alice, call):
    call.recommender_deadline = timezone.now() + timedelta(seconds=2)
    call.save()
    submit_application(app, by=alice)
    assert app.status == S.SUBMITTED


def test_extended_deadline_is_the_one_in_force(app, alice, call):
    call.recommender_deadline = timezone.now() - timedelta(days=1)
    call.extended_deadline = timezone.now() + timedelta(days=1)
    call.save()
    submit_application(app, by=alice)
    assert app.status == S.SUBMITTED


def test_submitting_twice_is_refused(app, alice):
    submit_application(app, by=alice)
    assert _refused(submit_application, app, by=alice).message == (
        "申报当前状态为“已提交推荐单位”，不能提交推荐单位。")


def test_return_edit_resubmit_gives_snapshot_v2(app, alice, rex):
    submit_application(app, by=alice)
    return_for_revision(app, by=rex, comments="表1-2 项目背景过于简略，请补充产业数据。",
                        sections=["t1_2"])
    app.refresh_from_db()
    assert app.status == S.RETURNED and app.is_editable
    assert revision_comments(app) == {"t1_2": ["表1-2 项目背景过于简略，请补充产业数据。"]}
    section = Section.objects.get(application=app, key="t1_2")
    save_section(application=app, key="t1_2", base_version=section.version, by=alice,
                 data={"background": "包头市装备制造业产值 3000 亿元。", "foundation": "已有基础。"})
    submit_application(app, by=alice)
    app.refresh_from_db()
    assert (app.status, app.submitted_version) == (S.SUBMITTED, 2)
    v1, v2 = Snapshot.objects.filter(application=app).order_by("version")
    assert (v1.label, v2.label) == (f"{app.reference}-v1", f"{app.reference}-v2")
    assert v1.sha256 != v2.sha256
    assert v1.data["sections"]["t1_2"]["data"]["background"] == "按申报要求填写的说明文字。"
    assert revision_comments(app) == {}
    assert list(app.events.values_list("action", flat=True)) == ["submit", "return", "submit"]
    returned = app.events.get(action="return")
    assert (returned.actor_org, returned.payload) == (rex.memberships.get().organisation,
                                                      {"sections": ["t1_2"]})


def test_return_needs_comments_and_known_sections(app, alice, rex):
    submit_application(app, by=alice)
    assert _refused(return_for_revision, app, by=rex, comments="  ").message == "请填写退回意见。"
    assert _refused(return_for_revision, app, by=rex, comments="改", sections=["nope"]).message == (
        "申报表中没有栏目：nope。")


def test_only_the_units_recommender_may_return(app, alice, bob, yvonne, rita, adam):
    submit_application(app, by=alice)
    for user in (alice, bob, yvonne, rita, adam):
        assert _refused(return_for_revision, app, by=user, comments="退回").message == (
            "只有该单位所属推荐单位的用户可以退回申报。")


def test_draft_cannot_be_returned(app, rex):
    assert _refused(return_for_revision, app, by=rex, comments="退回").message == (
        "申报当前状态为“草稿”，不能退回修改。")


def test_withdraw_goes_back_to_draft_with_reason(app, alice):
    submit_application(app, by=alice)
    withdraw_application(app, by=alice, reason="发现预算数据有误，需修改。")
    app.refresh_from_db()
    assert app.status == S.DRAFT
    event = app.events.get(action="withdraw")
    assert (event.comment, event.from_status, event.to_status) == (
        "发现预算数据有误，需修改。", S.SUBMITTED, S.DRAFT)


def test_withdraw_needs_a_reason_and_the_unit(app, alice, bob, rex):
    submit_application(app, by=alice)
    assert _refused(withdraw_application, app, by=alice, reason="").message == "请填写撤回原因。"
    for user in (bob, rex):
        assert _refused(withdraw_application, app, by=user, reason="x").message == (
            "只有本单位的申报用户可以撤回申报。")


def test_withdraw_after_the_recommender_decided_is_refused(app, alice):
    submit_application(app, by=alice)
    type(app).objects.filter(pk=app.pk).update(status=S.RECOMMENDED)
    assert _refused(withdraw_application, app, by=alice, reason="x").message == (
        "申报当前状态为“已推荐”，不能撤回申报。")


def test_resubmission_after_withdraw_is_version_2(app, alice):
    submit_application(app, by=alice)
    withdraw_application(app, by=alice, reason="补充材料")
    submit_application(app, by=alice)
    assert list(app.snapshots.order_by("version").values_list("version", flat=True)) == [1, 2]
