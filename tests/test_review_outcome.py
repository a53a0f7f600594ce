"""Decision within the indicators, 公示 in working days, objections, confirmation, filing."""

import io
import json
import zipfile
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from core.errors import DomainError
from core.sealed import read_plain
from declare.models import Application, ApplicationStatus
from notify.models import Notification
from review.models import DecisionItem, DefenceSlot, ObjectionOutcome
from review.services.decision import decide
from review.services.defence import record_defence, schedule_defence
from review.services.filing import file_call
from review.services.notice import (
    confirm_list,
    publish_notice,
    record_objection,
    resolve_objection,
)
from workdays.days import period_end
from workdays.models import CalendarDay, DayKind, HolidayYear

from .review_support import admit_all, closed_panel, expert_pool, forwarded

pytestmark = pytest.mark.django_db

OPINIONS = {"expert_opinion": "经专家组评审，同意推荐。", "hr_opinion": "同意。",
            "finance_opinion": "同意。"}


@pytest.fixture
def apps(call, unit_a, unit_b, unit_y, recommender_x, recommender_y, rita, alice, rex):
    call.offers_studio = False
    call.save()
    made = [forwarded(call, unit_a), forwarded(call, unit_b), forwarded(call, unit_y)]
    admit_all(call, rita, [recommender_x, recommender_y])
    return made


@pytest.fixture
def panel(call, apps, region, rita):
    return closed_panel(call, rita, expert_pool(region, 5),
                        [Decimal("0.70"), Decimal("0.90"), Decimal("0.80")])


def test_working_day_period_skips_the_national_day_holiday_and_counts_makeup_days():
    assert period_end(date(2025, 9, 29), 5) == date(2025, 10, 11)   # 29, 30, 9, 10, 11(调休)
    assert period_end(date(2025, 10, 1), 5) == date(2025, 10, 14)   # 9, 10, 11(调休), 13, 14
    assert period_end(date(2025, 6, 30), 5) == date(2025, 7, 4)


def test_a_defence_is_scheduled_in_the_future_and_recorded_once_it_has_begun(panel, apps, rita):
    now = timezone.now()
    with pytest.raises(DomainError, match="不能安排已过去的时间"):
        schedule_defence(panel, application=apps[0], starts_at=now - timedelta(hours=1),
                         ends_at=now - timedelta(minutes=30), place="腾讯会议", by=rita)
    slot = schedule_defence(panel, application=apps[0], starts_at=now + timedelta(hours=1),
                            ends_at=now + timedelta(hours=2), place="腾讯会议", by=rita)
    with pytest.raises(DomainError, match="答辩尚未开始"):
        record_defence(slot, attendance="attended", attendees="", notes="", by=rita)
    DefenceSlot.objects.filter(pk=slot.pk).update(starts_at=now - timedelta(minutes=5))
    record_defence(slot, attendance="absent", attendees="", notes="未上线", by=rita)
    assert DefenceSlot.objects.get(pk=slot.pk).attendance == "absent"


def test_selecting_a_project_absent_from_its_defence_needs_a_reason(panel, apps, call, rita,
                                                                    client):
    ranking = [r["application_id"] for r in panel.result.rows]
    top = Application.objects.get(pk=ranking[0])
    now = timezone.now()
    DefenceSlot.objects.create(panel=panel, application=top, starts_at=now - timedelta(hours=2),
                               ends_at=now - timedelta(hours=1), place="腾讯会议",
                               attendance="absent", updated_by=rita)
    with pytest.raises(DomainError, match=f"{top.reference}缺席网络答辩，如仍拟推荐，请填写理由"):
        decide(call, "base", by=rita, selected_ids=ranking[:2], **OPINIONS)
    decide(call, "base", by=rita, selected_ids=ranking[:2], departure_reason="已补充书面答辩材料",
           **OPINIONS)
    client.force_login(rita)
    page = client.get(f"/review/calls/{call.pk}/decision/base/").content.decode()
    assert "网络答辩" in page and "缺席" in page


def test_decision_follows_the_ranking_as_a_draft_and_the_notice_releases_it(panel, apps, call,
                                                                          rita):
    a, b, y = apps
    decide(call, "base", by=rita, selected_ids=[b.id, y.id], **OPINIONS)
    statuses = dict(Application.objects.values_list("id", "status"))
    assert set(statuses.values()) == {ApplicationStatus.ACCEPTED}   # a draft moves nothing
    assert list(DecisionItem.objects.order_by("score_rank").values_list(
        "application_id", "score_rank", "selected")) == [(b.id, 1, True), (y.id, 2, True),
                                                         (a.id, 3, False)]
    assert not Notification.objects.filter(event="decision").exists()
    publish_notice(call, by=rita, starts_on=date(2025, 9, 29), working_days=5,
                   contact="郭慧娟 (0471) 6945102", today=date(2025, 9, 29))
    statuses = dict(Application.objects.values_list("id", "status"))
    assert statuses == {a.id: ApplicationStatus.REJECTED, b.id: ApplicationStatus.APPROVED,
                        y.id: ApplicationStatus.APPROVED}
    assert Notification.objects.filter(user__username="alice",
                                       title=f"{a.reference} 复审结果").count() == 1


def test_departure_from_the_ranking_needs_reasons(panel, apps, call, rita):
    a, b, _y = apps
    with pytest.raises(Exception, match="所选名单与评分排名不一致，请填写理由。"):
        decide(call, "base", by=rita, selected_ids=[a.id, b.id], **OPINIONS)
    decide(call, "base", by=rita, selected_ids=[a.id, b.id], departure_reason="答辩中发现……",
           **OPINIONS)
    assert DecisionItem.objects.get(application=a).selected is True


def test_list_longer_than_the_indicator_is_refused(panel, apps, call, rita):
    call.indicator_base = 2
    call.save()
    with pytest.raises(Exception, match="拟推荐项目不能超过指标数（2个），当前选择了3个。"):
        decide(call, "base", by=rita, selected_ids=[x.id for x in apps], **OPINIONS)


@pytest.fixture
def notice(panel, apps, call, rita):
    decide(call, "base", by=rita, selected_ids=[apps[1].id, apps[2].id], **OPINIONS)
    return publish_notice(call, by=rita, starts_on=date(2025, 9, 29), working_days=5,
                          contact="郭慧娟 (0471) 6945102",
                          today=date(2025, 9, 29))


def test_a_notice_reaching_into_a_year_not_entered_waits_for_the_calendar(panel, apps, call,
                                                                         rita):
    decide(call, "base", by=rita, selected_ids=[apps[1].id], **OPINIONS)
    with pytest.raises(DomainError, match="尚无2027年的法定节假日安排"):
        publish_notice(call, by=rita, starts_on=date(2026, 12, 28), working_days=5,
                       contact="郭慧娟 (0471) 6945102",
                       today=date(2026, 12, 1))
    year = HolidayYear.objects.create(year=2027, source="国办发明电〔2026〕9号")
    CalendarDay.objects.create(year=year, day=date(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦")
    notice = publish_notice(call, by=rita, starts_on=date(2026, 12, 28), working_days=5,
                            contact="郭慧娟 (0471) 6945102",
                            today=date(2026, 12, 1))
    assert notice.ends_on == date(2027, 1, 4)


def test_a_notice_starts_today_or_later_and_lasts_the_calls_minimum(panel, apps, call, rita):
    decide(call, "base", by=rita, selected_ids=[apps[1].id], **OPINIONS)
    args = {"by": rita, "contact": "郭慧娟 (0471) 6945102", "today": date(2025, 9, 29)}
    with pytest.raises(DomainError, match="公示开始日期不能早于今天（2025年9月29日）"):
        publish_notice(call, starts_on=date(2025, 9, 28), working_days=5, **args)
    with pytest.raises(DomainError, match="公示期不得少于5个工作日"):
        publish_notice(call, starts_on=date(2025, 9, 29), working_days=1, **args)
    call.thresholds = {**(call.thresholds or {}), "notice_min_working_days": 7}
    call.save()
    with pytest.raises(DomainError, match="公示期不得少于7个工作日"):
        publish_notice(call, starts_on=date(2025, 9, 29), working_days=5, **args)


def test_an_objection_is_dated_inside_the_period(notice, rita):
    for day in (date(2025, 9, 28), date(2025, 10, 12)):
        with pytest.raises(DomainError, match="收到日期应在公示期内（2025年9月29日至2025年10月11日）"):
            record_objection(notice, by=rita, received_on=day, name="张三", contact="138",
                             content="数据不实")


def test_notice_lists_the_selected_projects_and_the_period(notice, apps):
    assert notice.ends_on == date(2025, 10, 11)
    assert "公示期为5个工作日（2025年9月29日至2025年10月11日）" in notice.body
    assert apps[1].unit.name in notice.body and apps[0].unit.name not in notice.body


def test_open_objection_blocks_confirmation_until_it_is_resolved(notice, apps, call, rita):
    objection = record_objection(notice, by=rita, received_on=date(2025, 9, 30), name="张三",
                                 contact="13800000000", content="培训人次数据不实",
                                 application=apps[1])
    assert objection.contact_encrypted.startswith("enc1:")
    with pytest.raises(Exception, match="尚有1件异议未办结，不能确认名单。"):
        confirm_list(notice, by=rita, today=date(2025, 10, 13))
    with pytest.raises(Exception, match="公示期满并确认名单后方可备案。"):
        file_call(call, by=rita)
    resolve_objection(objection, by=rita, outcome=ObjectionOutcome.DISMISSED,
                      handling="经核查，数据有审核盖章，异议不成立。")
    with pytest.raises(Exception, match="公示期至2025年10月11日止"):
        confirm_list(notice, by=rita, today=date(2025, 10, 11))
    confirmed = confirm_list(notice, by=rita, today=date(2025, 10, 13))
    assert confirmed.status == "confirmed"


def test_objection_must_be_named(notice, rita):
    with pytest.raises(Exception, match="请填写异议人姓名（异议须实名提出）。"):
        record_objection(notice, by=rita, received_on=date(2025, 9, 30), name=" ",
                         contact="x", content="y")


def test_upheld_objection_takes_the_project_off_the_list(notice, apps, rita):
    objection = record_objection(notice, by=rita, received_on=date(2025, 9, 30), name="李四",
                                 contact="13900000000", content="材料造假", application=apps[2])
    resolve_objection(objection, by=rita, outcome=ObjectionOutcome.UPHELD, handling="核查属实")
    assert Application.objects.get(pk=apps[2].id).status == ApplicationStatus.REJECTED
    assert DecisionItem.objects.get(application=apps[2]).selected is False


def test_the_public_notice_marks_a_project_an_upheld_objection_took_off(notice, apps, rita,
                                                                        client):
    """公示公告 without login: the published text, and a correction naming the withdrawn project;
    nothing of the objector."""
    objection = record_objection(notice, by=rita, received_on=date(2025, 9, 30), name="李四",
                                 contact="13900000000", content="材料造假", application=apps[2])
    assert "以下项目已撤销拟推荐" not in client.get(f"/public/notices/{notice.pk}/").content.decode()
    resolve_objection(objection, by=rita, outcome=ObjectionOutcome.UPHELD, handling="核查属实")
    index = client.get("/public/").content.decode()
    assert notice.title in index and "登录系统" in index
    page = client.get(f"/public/notices/{notice.pk}/").content.decode()
    correction = page.split("以下项目已撤销拟推荐")[1]
    assert apps[2].unit.name in correction and apps[1].unit.name not in correction
    assert "李四" not in page and "13900000000" not in page and "材料造假" not in page


def test_filing_builds_a_zip_with_manifest_checksums_and_marks_the_call_filed(
        notice, apps, call, rita, celery_eager, django_capture_on_commit_callbacks):
    confirm_list(notice, by=rita, today=date(2025, 10, 13))
    with django_capture_on_commit_callbacks(execute=True):  # sends the job, run here (eager)
        filing = file_call(call, by=rita)
    call.refresh_from_db()
    filing.refresh_from_db()
    assert (call.status, filing.status, filing.progress) == ("filed", "done", 100)
    with zipfile.ZipFile(io.BytesIO(read_plain(filing.archive))) as zf:  # sealed at rest
        names = zf.namelist()
        manifest = json.loads(zf.read("manifest.json"))
        import hashlib
        for entry in manifest["files"]:
            assert hashlib.sha256(zf.read(entry["name"])).hexdigest() == entry["sha256"]
        from openpyxl import load_workbook
        ws = load_workbook(io.BytesIO(zf.read("推荐备案名单.xlsx"))).active
        assert [c.value for c in ws[2]][:4] == ["序号", "项目类型", "项目申报单位", "推荐单位"]
        assert [ws.cell(3, 3).value, ws.cell(4, 3).value] == [apps[1].unit.name,
                                                              apps[2].unit.name]
    assert "推荐备案名单.xlsx" in names and "复审评分结果.json" in names
    assert any(m.subject == f"【消息通知】{apps[1].reference} 已报部备案" for m in mail.outbox) or \
        Notification.objects.filter(title=f"{apps[1].reference} 已报部备案").exists()
    with pytest.raises(Exception, match="本批次已备案。"):
        file_call(call, by=rita)
