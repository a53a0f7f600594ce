"""公示 needs a decision for every kind that has admitted applications, and only those."""

from datetime import date
from decimal import Decimal

import pytest

from calls.choices import ProjectKind
from core.errors import DomainError
from review.services.decision import decide
from review.services.notice import publish_notice

from .review_support import admit_all, closed_panel, expert_pool, forwarded

pytestmark = pytest.mark.django_db

OPINIONS = {"expert_opinion": "同意推荐。", "hr_opinion": "同意。", "finance_opinion": "同意。"}


def _decided_bases(call, region, rita, units, recommenders, studio_unit=None):
    apps = [forwarded(call, u) for u in units]
    if studio_unit is not None:
        forwarded(call, studio_unit, kind=ProjectKind.STUDIO)
    admit_all(call, rita, recommenders)
    closed_panel(call, rita, expert_pool(region, 5), [Decimal("0.8")] * len(apps))
    decide(call, ProjectKind.BASE, by=rita, selected_ids=[a.id for a in apps], **OPINIONS)


def test_notice_can_be_published_when_no_studio_was_received(
        call, region, rita, unit_a, unit_b, recommender_x):
    assert call.kinds == [ProjectKind.BASE, ProjectKind.STUDIO]
    _decided_bases(call, region, rita, [unit_a, unit_b], [recommender_x])
    notice = publish_notice(call, by=rita, starts_on=date(2025, 9, 1), working_days=5,
                            contact="郭慧娟 (0471) 6945102",
                            today=date(2025, 9, 1))
    assert unit_a.name in notice.body and "工作室建设项目（" not in notice.body


def test_notice_waits_for_the_decision_on_received_studios(
        call, region, rita, unit_a, unit_b, unit_y, recommender_x, recommender_y):
    _decided_bases(call, region, rita, [unit_a, unit_b], [recommender_x, recommender_y],
                   studio_unit=unit_y)
    with pytest.raises(DomainError, match="尚未作出复审决定：工作室建设项目。"):
        publish_notice(call, by=rita, starts_on=date(2025, 9, 1), working_days=5,
                       contact="郭慧娟 (0471) 6945102",
                       today=date(2025, 9, 1))
