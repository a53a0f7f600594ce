"""复制批次 (issue 17 §5): next year's call from this one, never open until nothing is missing."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from audit.models import AuditLog
from calls.choices import CallStatus, ProjectKind
from calls.copying import copy_call, shift_year
from calls.readiness import problems
from quotas.models import Quota
from review.services.rubrics import current_rubric, publish_rubric
from tests.factories import CallFactory, QuotaFactory, RecommenderFactory, UserFactory

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def source():
    call = CallFactory(year=2025, title="2025年度国家级高技能人才培训基地和技能大师工作室建设项目申报评选",
                       doc_number="内人社办发〔2025〕105号", published_on=date(2025, 6, 24),
                       contact_due=date(2025, 7, 5), indicator_base=5, indicator_studio=4,
                       recommender_deadline=datetime(2025, 7, 31, 23, 59, 59, tzinfo=SHANGHAI),
                       extended_deadline=datetime(2025, 8, 15, 23, 59, 59, tzinfo=SHANGHAI),
                       thresholds={"notice_min_working_days": 7})
    for amounts in ((2, 2), (4, 3)):
        rec = RecommenderFactory()
        call.recommenders.add(rec)
        for kind, amount in zip((ProjectKind.BASE, ProjectKind.STUDIO), amounts, strict=True):
            QuotaFactory(call=call, recommender=rec, kind=kind, amount=amount)
    publish_rubric(call, ProjectKind.BASE, by=None, note="自定义", criteria=[
        {"group": "基础", "name": "基础条件", "max_points": 40, "weight": 1, "guidance": "甲"},
        {"group": "方案", "name": "建设方案", "max_points": 60, "weight": 1, "guidance": "乙"}])
    return call


def test_the_copy_is_next_year_unpublished_with_every_piece(source):
    admin = UserFactory(username="copier")
    copy = copy_call(source, by=admin)
    assert (copy.year, copy.status) == (2026, CallStatus.DRAFT)
    assert copy.title.startswith("2026年度")
    assert copy.doc_number == "内人社办发〔2025〕105号（2026年，待修改）"
    assert (copy.published_on, copy.contact_due) == (date(2026, 6, 24), date(2026, 7, 5))
    assert copy.recommender_deadline.astimezone(SHANGHAI).date() == date(2026, 7, 31)
    assert copy.extended_deadline is None  # an extension belongs to its year
    assert (copy.indicator_base, copy.indicator_studio) == (5, 4)
    assert copy.threshold("notice_min_working_days") == 7
    assert set(copy.recommenders.all()) == set(source.recommenders.all())
    old = sorted(Quota.objects.filter(call=source).values_list("recommender", "kind", "amount"))
    new = sorted(Quota.objects.filter(call=copy).values_list("recommender", "kind", "amount"))
    assert new == old and len(new) == 4
    rubric = current_rubric(copy, ProjectKind.BASE)
    assert [(c.name, c.max_points) for c in rubric.criteria.order_by("position")] == [
        ("基础条件", 40), ("建设方案", 60)]
    assert "由2025年批次复制" in rubric.note
    assert current_rubric(copy, ProjectKind.STUDIO) is None  # none was published: defaults later
    row = AuditLog.objects.filter(object_id=str(copy.pk)).latest("id")
    assert row.actor == admin and row.detail["copied_from"] == source.pk
    # a second copy for the same year gets its own placeholder number
    assert copy_call(source, by=admin).doc_number.endswith("待修改2）")


def test_a_copy_cannot_open_until_its_pieces_are_there(source):
    copy = copy_call(source, by=None)
    now = datetime(2026, 6, 1, tzinfo=SHANGHAI)
    assert problems(copy, now=now) == ["请填写本批次的文号。"]
    copy.doc_number = "内人社办发〔2026〕88号"
    copy.indicator_studio = 0
    gone = Quota.objects.filter(call=copy, kind=ProjectKind.BASE).first()
    gone.delete()
    found = problems(copy, now=datetime(2026, 8, 1, tzinfo=SHANGHAI))
    assert "请填写工作室项目指标（大于0）。" in found
    assert "推荐单位报送截止时间应晚于当前时间。" in found
    assert f"附件1 推荐名额未设置：{gone.recommender.label}（培训基地建设项目）。" in found
    copy.indicator_studio = 4
    QuotaFactory(call=copy, recommender=gone.recommender, kind=ProjectKind.BASE)
    assert problems(copy, now=now) == []


def test_shift_year_keeps_the_day_and_handles_29_february():
    assert shift_year(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert shift_year(date(2025, 7, 31), 1) == date(2026, 7, 31)
    assert shift_year(None, 1) is None
