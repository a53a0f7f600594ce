"""Issue 18 §6: a 公示 withdrawn with a reason and re-issued (only while no objection is
recorded), a 复议 during the 公示 re-issuing its text （更正） with the period restarted, and a
project an upheld objection removed marked in the text, never listed silently."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from core.errors import DomainError
from review.models import NoticeStatus, ObjectionOutcome, PublicNotice, ReviewEvent
from review.services.decision import decide, reconsider
from review.services.notice import (
    current_notice,
    publish_notice,
    record_objection,
    resolve_objection,
    withdraw_notice,
)

from .test_review_release import CONTACT, OPINIONS, decisions_told, publish

pytest_plugins = ["tests.test_review_release"]
pytestmark = pytest.mark.django_db


@pytest.fixture
def published(ranked, call, rita):
    a, b, y = ranked
    decide(call, "base", by=rita, selected_ids=[b.id, y.id], **OPINIONS)
    return publish(call, rita)


def republish(call, rita):
    return publish_notice(call, by=rita, starts_on=date(2025, 10, 13), working_days=5,
                          contact=CONTACT, today=date(2025, 10, 10))


def test_withdrawing_needs_a_reason_and_is_refused_once_an_objection_is_recorded(
        published, ranked, rita):
    with pytest.raises(DomainError, match="请填写撤回理由"):
        withdraw_notice(published, by=rita, reason="  ")
    record_objection(published, by=rita, received_on=date(2025, 9, 30), name="李四",
                     contact="139", content="材料不实", application=ranked[2])
    with pytest.raises(DomainError, match="本公示已登记1件异议，不能撤回"):
        withdraw_notice(published, by=rita, reason="日期有误")
    assert PublicNotice.objects.get(pk=published.pk).status == NoticeStatus.PUBLISHED


def test_a_withdrawn_notice_is_reissued_with_new_dates_and_nobody_is_told_twice(
        published, call, rita):
    told = decisions_told().count()
    with pytest.raises(DomainError, match="本批次的公示已发布；如需更正，请先撤回公示"):
        republish(call, rita)
    withdraw_notice(published, by=rita, reason="公示开始日期有误")
    old = PublicNotice.objects.get(pk=published.pk)
    assert (old.status, old.withdraw_reason, old.withdrawn_by) == (
        NoticeStatus.WITHDRAWN, "公示开始日期有误。", rita)
    event = ReviewEvent.objects.get(call=call, action="withdraw_notice")
    assert event.payload == {"reason": "公示开始日期有误"}
    assert current_notice(call) is None
    new = republish(call, rita)
    assert (new.starts_on, new.ends_on, current_notice(call)) == (
        date(2025, 10, 13), date(2025, 10, 17), new)
    assert "公示期为5个工作日（2025年10月13日至2025年10月17日）" in new.body
    assert ReviewEvent.objects.get(call=call, action="publish_notice",
                                   payload__reissue_of=old.pk)
    # the decisions were released with the first 公示: the re-issue tells nobody again
    assert decisions_told().count() == told
    assert list(call.public_notices.values_list("status", flat=True)) == [
        NoticeStatus.PUBLISHED, NoticeStatus.WITHDRAWN]


def test_only_one_notice_of_a_call_is_current(published, call, rita):
    with pytest.raises(IntegrityError), transaction.atomic():
        PublicNotice.objects.create(call=call, title="第二份", body="…", contact="x",
                                    starts_on=date(2025, 10, 13), ends_on=date(2025, 10, 17))


def test_a_changed_outcome_between_withdrawal_and_reissue_is_told_once_by_the_reconsideration(
        published, ranked, call, rita):
    a, b, y = ranked
    withdraw_notice(published, by=rita, reason="名单需复核")
    told = decisions_told().count()
    reconsider(call, "base", by=rita, selected_ids=[b.id, a.id], reason="培训人次经核查不实",
               today=date(2025, 10, 9))
    after_reconsider = decisions_told().count()
    assert after_reconsider - told == 3   # alice (a), yvonne (y) and rex, their recommender
    new = republish(call, rita)
    assert decisions_told().count() == after_reconsider
    assert a.unit.name in new.body and y.unit.name not in new.body
    assert PublicNotice.objects.get(pk=published.pk).corrected_on is None  # withdrawn: untouched


def test_reconsideration_during_the_notice_reissues_the_text_and_restarts_the_period(
        published, ranked, call, rita, client):
    a, b, y = ranked
    reconsider(call, "base", by=rita, selected_ids=[b.id, a.id], reason="培训人次经核查不实",
               today=date(2025, 10, 10))
    notice = PublicNotice.objects.get(pk=published.pk)
    # 5 working days from the correction (10-11 is a 调休 working Saturday), not the old 10-11
    assert (notice.corrected_on, notice.starts_on, notice.ends_on) == (
        date(2025, 10, 10), date(2025, 9, 29), date(2025, 10, 15))
    assert a.unit.name in notice.body and y.unit.name not in notice.body
    assert ("（更正）经复议，名单于2025年10月10日更正如上，公示期相应延长，自更正之日起不少于5个工作日："
            "2025年9月29日至2025年10月15日。") in notice.body
    event = ReviewEvent.objects.get(call=call, action="correct_notice")
    assert event.payload["ends_on_before"] == "2025-10-11"
    assert event.payload["ends_on"] == "2025-10-15"
    page = client.get(f"/public/notices/{notice.pk}/").content.decode()
    assert "（更正）2025年10月10日更正，公示期至2025年10月15日" in page
    # an objection may now be dated inside the longer period
    record_objection(notice, by=rita, received_on=date(2025, 10, 14), name="李四",
                     contact="139", content="材料不实", application=a)


def test_an_upheld_objection_marks_the_project_cancelled_in_the_text(published, ranked, rita,
                                                                   client):
    a, b, y = ranked
    objection = record_objection(published, by=rita, received_on=date(2025, 9, 30), name="李四",
                                 contact="139", content="材料不实", application=y)
    resolve_objection(objection, by=rita, outcome=ObjectionOutcome.UPHELD, handling="核查属实")
    body = PublicNotice.objects.get(pk=published.pk).body
    assert "培训基地建设项目（1个）：" in body
    assert f"{y.unit.name}（{y.category_label}）（经核查取消拟推荐）" in body
    assert f"{b.unit.name}（{b.category_label}）\n" in body
    page = client.get(f"/public/notices/{published.pk}/").content.decode()
    assert "（经核查取消拟推荐）" in page
