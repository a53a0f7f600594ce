"""Conflicts of interest as HotCRP keeps them (review/conflicts.py), the invitation with its
保密及回避承诺, and the partial assignment that names what is missing."""


import pytest

from calls.choices import ProjectKind
from notify.models import Notification
from orgs.models import OrgKind
from review.conflicts import conflict_map, region_of
from review.models import Assignment
from review.selectors import assignments_of_expert, experts_for_call
from review.services.assignment import propose_partial
from review.services.experts import PLEDGE, accept_invitation, invite_expert
from review.services.panels import assign, auto_assign, create_panel

from . import test_review_panels as same
from .factories import OrganisationFactory
from .review_support import expert, expert_pool, scoring_panel

pytestmark = pytest.mark.django_db
admitted, panel, _set = same.admitted, same.panel, same._set   # the same fixtures


def test_region_is_the_league_city_above_an_organisation_at_any_depth(recommender_x, region):
    county = OrganisationFactory(kind=OrgKind.COUNTY, parent=recommender_x, name="甲市某旗人社局")
    school = OrganisationFactory(parent=county, name="甲市某旗职业学校")
    assert region_of(school) == recommender_x
    assert region_of(recommender_x) == recommender_x
    assert region_of(region) is None  # the region's own departments belong to no 盟市


def test_an_expert_of_the_same_league_city_never_scores_its_projects(admitted, recommender_x):
    a, b, y = admitted
    company = OrganisationFactory(parent=recommender_x, name="甲市重型机械有限公司",
                                  short_name="甲重机")
    same_city = expert(company, username="baotou_like")
    found = conflict_map([same_city], admitted)
    assert found == {(a.id, same_city.id): "专家所在单位与项目同属甲市（同一推荐地区）",
                     (b.id, same_city.id): "专家所在单位与项目同属甲市（同一推荐地区）"}
    assert (y.id, same_city.id) not in found


def test_an_expert_whose_unit_competes_in_the_panel_scores_none_of_its_projects(admitted,
                                                                                  unit_y):
    a, b, y = admitted
    rival = expert(unit_y, username="rival")
    found = conflict_map([rival], admitted)
    assert found[(a.id, rival.id)] == "专家所在单位（乙康养）在本专家组有申报项目（竞争单位）"
    assert found[(b.id, rival.id)] == found[(a.id, rival.id)]
    assert found[(y.id, rival.id)] == "专家所在单位为项目申报单位"


def test_past_affiliation_and_recent_collaboration_from_the_profile_are_conflicts(
        admitted, region, unit_a, unit_y):
    a, b, y = admitted
    e = expert(region, username="prof")
    e.past_affiliations.set([unit_a])
    e.collaborators.set([unit_y])
    found = conflict_map([e], admitted)
    assert found == {(a.id, e.id): "专家近三年曾在项目申报单位任职",
                     (y.id, e.id): "专家近三年与项目申报单位有合作"}


def test_hand_assignment_of_a_conflicted_pair_is_refused_with_every_reason(
        panel, admitted, region, unit_a, rita):
    a, _b, _y = admitted
    e = expert(region, username="decl")
    e.collaborators.set([unit_a])
    _set(panel, [*expert_pool(region, 4), e], rita)
    with pytest.raises(Exception, match="须回避.*专家近三年与项目申报单位有合作"):
        assign(panel, application=a, expert=e, by=rita)
    assert not Assignment.objects.filter(expert=e).exists()


def test_partial_plan_assigns_everything_feasible_and_names_each_shortfall():
    apps = {1: ["6-18-01-01"], 2: ["6-18-01-01"], 3: ["4-10-01-05"]}
    experts = {10: ["6-18-00-00"], 11: [], 12: [], 13: []}
    conflicts = {(1, 10), (1, 11), (3, 10)}
    plan, short = propose_partial(apps, experts, conflicts, 3)
    assert plan[1] == [12, 13]          # all it may have
    assert len(plan[2]) == 3 and 10 in plan[2]
    assert plan[3] == [11, 12, 13]
    assert [(s.application_id, s.available, s.needed) for s in short] == [(1, 2, 3)]
    assert not any((a, e) in conflicts for a, es in plan.items() for e in es)


def test_auto_assignment_with_a_league_city_expert_never_gives_them_its_projects(
        panel, admitted, region, recommender_x, rita):
    a, b, y = admitted
    company = OrganisationFactory(parent=recommender_x, name="甲市重型机械有限公司",
                                  short_name="甲重机")
    local = expert(company, username="local")
    _set(panel, [*expert_pool(region, 4), local], rita)
    done = auto_assign(panel, by=rita)
    assert not Assignment.objects.filter(expert=local, application__in=[a, b]).exists()
    assert Assignment.objects.filter(expert=local, application=y).exists()
    assert done.missing == [f"还需 1 名无回避专家：{x.reference}（{x.unit.label}） 6-18-01-01 车工方向"
                            for x in (a, b)]
    assert Assignment.objects.filter(panel=panel).count() == 4 + 4 + 5


def test_an_expert_who_has_not_accepted_is_never_drawn_nor_sees_projects(
        call, admitted, region, rita):
    pool = expert_pool(region, 5)
    newcomer = expert(region, username="newcomer", name="新专家")
    newcomer.accepted_at = None
    newcomer.invited_at = None
    newcomer.save()
    assert newcomer not in experts_for_call(call)
    with pytest.raises(Exception, match="新专家尚未接受评审邀请"):
        _set(create_panel(call, ProjectKind.STUDIO, by=rita), [*pool[:4], newcomer], rita)
    started = scoring_panel(call, rita, pool)
    member = pool[1]
    assert assignments_of_expert(member.user).count() == 3
    member.accepted_at = None   # e.g. an acceptance withdrawn: the tasks vanish with it
    member.save()
    assert not assignments_of_expert(member.user).exists()
    assert started.status == "scoring"


def test_invitation_is_accepted_only_by_the_expert_confirming_the_pledge(region, rita):
    e = expert(region, username="invitee")
    e.accepted_at = e.invited_at = None
    e.save()
    with pytest.raises(Exception, match="尚未收到评审邀请"):
        accept_invitation(e, by=e.user, confirmed=True)
    invite_expert(e, by=rita)
    assert Notification.objects.filter(user=e.user, event="expert_invited").count() == 1
    with pytest.raises(Exception, match="只能由专家本人接受邀请"):
        accept_invitation(e, by=rita, confirmed=True)
    with pytest.raises(Exception, match="请阅读并勾选确认保密及回避承诺"):
        accept_invitation(e, by=e.user, confirmed=False)
    e.refresh_from_db()
    assert e.accepted_at is None
    accept_invitation(e, by=e.user, confirmed=True)
    e.refresh_from_db()
    assert e.accepted_at is not None and e.pledge == PLEDGE
    assert e.history.first().history_change_reason == "接受评审邀请并确认保密及回避承诺"


def test_a_city_call_draws_its_own_city_experts_for_its_own_projects(recommender_x):
    from .factories import CallFactory
    from .review_support import forwarded

    city_call = CallFactory(issuer=recommender_x, title="甲市市级项目")
    county = OrganisationFactory(kind=OrgKind.COUNTY, parent=recommender_x, name="甲市某区人社局")
    school = OrganisationFactory(parent=county, name="甲市某区职业学校")
    app = forwarded(city_call, school)
    bureau_expert = expert(recommender_x, username="city_pool", pool=recommender_x)
    county_expert = expert(county, username="county_pool", pool=recommender_x)
    found = conflict_map([bureau_expert, county_expert], [app])
    assert found == {(app.id, county_expert.id): "专家所在单位为该项目的推荐单位"}
