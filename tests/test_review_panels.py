"""Panels: size rules from the call, the chair, conflicts of interest, automatic assignment."""

from decimal import Decimal

import pytest

from calls.choices import ProjectKind
from review.models import Assignment, PanelStatus
from review.services.experts import declare_conflict
from review.services.panels import assign, auto_assign, create_panel, set_panel, start_scoring
from review.services.rubrics import ensure_default_rubrics

from .review_support import admit_all, expert, expert_pool, forwarded

pytestmark = pytest.mark.django_db


@pytest.fixture
def admitted(call, unit_a, unit_b, unit_y, recommender_x, recommender_y, rita):
    apps = [forwarded(call, unit_a), forwarded(call, unit_b), forwarded(call, unit_y)]
    admit_all(call, rita, [recommender_x, recommender_y])
    return apps


@pytest.fixture
def panel(call, rita):
    return create_panel(call, ProjectKind.BASE, by=rita)


def _set(panel, experts, rita, **kw):
    return set_panel(panel, experts=experts, chair=experts[0], by=rita,
                     per_application=kw.get("per_application"), spread_flag=Decimal("20"))


@pytest.mark.parametrize(("n", "message"), [
    (4, "专家人数不得少于5人（当前 4 人）。"),
    (6, "专家人数应为单数（当前 6 人）。"),
])
def test_panel_of_too_few_or_an_even_number_of_experts_is_refused(panel, region, rita, n,
                                                                  message):
    with pytest.raises(Exception, match=message.replace("（", "\\（").replace("）", "\\）")):
        _set(panel, expert_pool(region, n), rita)
    assert panel.members.count() == 0


def test_panel_minimum_comes_from_the_call(panel, call, region, rita):
    call.thresholds = {**call.thresholds, "panel_min_experts": 7}
    call.save()
    with pytest.raises(Exception, match="专家人数不得少于7人"):
        _set(panel, expert_pool(region, 5), rita)
    _set(panel, expert_pool(region, 7, "b"), rita)
    assert panel.members.count() == 7


def test_chair_must_be_a_member(panel, region, rita):
    experts = expert_pool(region, 5)
    outsider = expert(region, username="out")
    with pytest.raises(Exception, match="组长须为本专家组成员。"):
        set_panel(panel, experts=experts, chair=outsider, per_application=None,
                  spread_flag=Decimal("20"), by=rita)


def test_only_reviewers_of_the_issuer_may_form_a_panel(call, eve, rex):
    with pytest.raises(Exception, match="您无权组建专家组。"):
        create_panel(call, ProjectKind.BASE, by=rex)


def test_expert_from_the_applicant_unit_or_its_recommender_cannot_be_assigned(
        panel, admitted, region, unit_a, recommender_x, rita):
    a, b, y = admitted
    same_unit = expert(unit_a, username="u_a")
    same_rec = expert(recommender_x, username="r_x")
    _set(panel, [*expert_pool(region, 3), same_unit, same_rec], rita)
    with pytest.raises(Exception, match="须回避.*专家所在单位为项目申报单位"):
        assign(panel, application=a, expert=same_unit, by=rita)
    with pytest.raises(Exception, match="专家所在单位为该项目的推荐单位"):
        assign(panel, application=b, expert=same_rec, by=rita)
    assert not Assignment.objects.filter(expert__in=[same_unit, same_rec],
                                         application__in=[a, b]).exists()
    # 乙市's project: unit A competes in this panel, so its expert scores no rival either
    with pytest.raises(Exception, match="专家所在单位（甲技师）在本专家组有申报项目（竞争单位）"):
        assign(panel, application=y, expert=same_unit, by=rita)


def test_declared_conflict_is_never_assigned_automatically(panel, admitted, region, rita):
    a, _b, _y = admitted
    experts = expert_pool(region, 7)
    declare_conflict(expert=experts[3], application=a, reason="曾为该单位提供咨询", by=rita)
    _set(panel, experts, rita, per_application=5)
    auto_assign(panel, by=rita)
    assert not Assignment.objects.filter(application=a, expert=experts[3]).exists()
    assert sorted(Assignment.objects.filter(panel=panel).values_list("application_id", flat=True)
                  ) == sorted([x.id for x in admitted for _ in range(5)])


def test_auto_assignment_that_cannot_cover_an_application_is_partial_and_names_it(
        panel, admitted, region, unit_a, rita):
    experts = [*expert_pool(region, 4), expert(unit_a, username="conflicted")]
    _set(panel, experts, rita)
    done = auto_assign(panel, by=rita)
    # unit A competes in the panel: its expert scores none of the three projects
    assert done.missing == [f"还需 1 名无回避专家：{a.reference}（{a.unit.label}）"
                            " 6-18-01-01 车工方向" for a in admitted]
    assert Assignment.objects.filter(panel=panel).count() == 12
    assert not Assignment.objects.filter(panel=panel, expert=experts[-1]).exists()


def test_scoring_starts_only_when_every_application_is_covered(panel, admitted, region, rita):
    experts = expert_pool(region, 5)
    ensure_default_rubrics(panel.call, by=rita)
    _set(panel, experts, rita)
    with pytest.raises(Exception, match="分配不完整"):
        start_scoring(panel, by=rita)
    auto_assign(panel, by=rita)
    started = start_scoring(panel, by=rita)
    assert started.status == PanelStatus.SCORING
    assert started.rubric.version == 1
    assert Assignment.objects.filter(panel=panel).count() == 15
