"""Issue 18 §6 from the reviewer's 公示 page: 撤回公示 in two steps (the reason shown back for
confirmation), a clear Chinese message for bad input, the re-issue form afterwards; a reopened
panel tells its experts why; the still-open recommenders named at most five at a time."""

from datetime import date
from decimal import Decimal

import pytest

from core.errors import DomainError
from notify.models import Notification
from quotas.services import ensure_package
from review.models import NoticeStatus, PublicNotice
from review.services.decision import decide
from review.services.notice import confirm_list, record_objection, withdraw_notice
from review.services.receipt import NAMED, open_deadlines, require_sending_closed
from review.services.scoring import reopen_panel

from .factories import QuotaFactory, RecommenderFactory
from .review_support import admit_all, closed_panel, expert_pool, forwarded
from .test_review_release import OPINIONS, publish

pytest_plugins = ["tests.test_review_release"]
pytestmark = pytest.mark.django_db


def test_withdrawing_from_the_page_asks_for_confirmation_with_the_reason(ranked, call, rita,
                                                                         client):
    a, b, y = ranked
    decide(call, "base", by=rita, selected_ids=[b.id, y.id], **OPINIONS)
    notice = publish(call, rita)
    client.force_login(rita)
    url = f"/review/calls/{call.pk}/notice/"
    page = client.get(url).content.decode()
    assert 'id="withdraw-form"' in page and "撤回理由" in page
    empty = client.post(url + "withdraw/", {"reason": "", "op": "check"})
    assert empty.status_code == 422 and "请填写撤回理由。" in empty.content.decode()
    check = client.post(url + "withdraw/", {"reason": "公示日期有误", "op": "check"})
    body = check.content.decode()
    assert check.status_code == 200 and "确认撤回公示" in body and ">公示日期有误</textarea>" in body
    assert PublicNotice.objects.get(pk=notice.pk).status == NoticeStatus.PUBLISHED
    done = client.post(url + "withdraw/", {"reason": "公示日期有误", "op": "confirm"}, follow=True)
    page = done.content.decode()
    assert "公示已撤回" in page and 'id="withdrawn-notices"' in page and "公示日期有误。" in page
    assert 'id="notice-form"' in page and notice.contact in page   # the re-issue form
    assert PublicNotice.objects.get(pk=notice.pk).status == NoticeStatus.WITHDRAWN
    again = client.post(url + "withdraw/", {"reason": "再撤", "op": "confirm"})
    assert again.status_code == 404   # nothing current to withdraw


def test_a_reopened_panel_tells_its_experts_with_the_reason(call, unit_a, unit_b, recommender_x,
                                                            region, rita):
    call.offers_studio = False
    call.save()
    forwarded(call, unit_a)
    forwarded(call, unit_b)
    admit_all(call, rita, [recommender_x])
    experts = expert_pool(region, 5)
    panel = closed_panel(call, rita, experts, [Decimal("0.80"), Decimal("0.70")])
    reopen_panel(panel, by=rita, reason="两位专家的评分需复核")
    told = Notification.objects.filter(event="panel_reopened")
    assert sorted(n.user.username for n in told) == [f"ex{i}" for i in range(5)]
    assert all(n.body.startswith(f"{panel.name}已重新开放评分，理由：两位专家的评分需复核。")
               for n in told)


def test_many_open_recommenders_are_named_five_at_a_time_with_the_latest_deadline(call,
                                                                                 region):
    recommenders = [RecommenderFactory(parent=region, short_name=f"测试{n}市",
                                       division_code=f"15{n:02d}00") for n in range(7)]
    for rec in recommenders:
        QuotaFactory(call=call, recommender=rec, kind="base", amount=1)
        ensure_package(call, rec)
    with pytest.raises(DomainError) as caught:
        require_sending_closed(call, ["base"], step="发布公示")
    message = caught.value.message
    still = open_deadlines(call, "base")
    assert NAMED == 5 and len(still) == 9   # 甲市, 乙市 of the fixture and these seven
    labels = [p.recommender.label for p in still]
    assert [label for label in labels if f"{label}（" in message] == labels[:5]
    assert f"等{len(still)}个推荐单位，最晚截止时间为" in message
    assert message.endswith("截止后方可发布公示。")
    assert len(message) < 300


def test_a_withdrawn_notice_is_not_confirmed_or_objected_to(ranked, call, rita):
    a, b, y = ranked
    decide(call, "base", by=rita, selected_ids=[b.id, y.id], **OPINIONS)
    notice = publish(call, rita)
    withdraw_notice(notice, by=rita, reason="日期有误")
    with pytest.raises(DomainError, match="该公示已撤回，不能确认名单"):
        confirm_list(notice, by=rita, today=date(2025, 10, 13))
    with pytest.raises(DomainError, match="该公示已撤回，不能登记异议"):
        record_objection(notice, by=rita, received_on=date(2025, 9, 30), name="李四",
                         contact="139", content="x")
