import pytest

from calls.choices import ProjectKind
from core.errors import DomainError
from declare.models import ApplicationEvent, ApplicationStatus
from quotas import services
from quotas.models import PackageEvent, Quota, Recommendation

from .factories import OrganisationFactory
from .quotas_support import submitted_application

pytestmark = pytest.mark.django_db

S = ApplicationStatus


def _apps(call, unit, n, **kw):
    return [submitted_application(call=call, unit=unit, **kw) for _ in range(n)]


def test_recommend_ranks_last_and_records_who_and_why(call, unit_a, rex):
    first, second = _apps(call, unit_a, 2)
    services.recommend(first, by=rex)
    rec = services.recommend(second, by=rex)
    second.refresh_from_db()
    assert (second.status, rec.rank, rec.quota, rec.kind) == (S.RECOMMENDED, 2, 2, "base")
    event = ApplicationEvent.objects.filter(application=second).last()
    assert (event.actor, event.action, event.from_status, event.to_status) == (
        rex, "recommend", S.SUBMITTED, S.RECOMMENDED)
    assert PackageEvent.objects.filter(application=second).get().action == "recommend"


def test_fifth_recommendation_is_refused_at_quota_four(call, unit_a, rex, recommender_x):
    Quota.objects.filter(call=call, recommender=recommender_x, kind="base").update(amount=4)
    apps = _apps(call, unit_a, 5)
    for app in apps[:4]:
        services.recommend(app, by=rex)
    with pytest.raises(DomainError) as exc:
        services.recommend(apps[4], by=rex)
    assert exc.value.message == "已达到推荐名额（4个），不能再推荐。超出推荐名额的不予受理。"
    apps[4].refresh_from_db()
    assert apps[4].status == S.SUBMITTED
    assert Recommendation.objects.filter(kind="base").count() == 4


def test_quotas_are_counted_per_kind(call, unit_a, rex):
    bases = _apps(call, unit_a, 2)
    studio = submitted_application(call=call, unit=unit_a, kind=ProjectKind.STUDIO,
                                   code="6-18-01-01")
    for app in (*bases, studio):
        services.recommend(app, by=rex)
    assert sorted(Recommendation.objects.values_list("kind", "rank")) == [
        ("base", 1), ("base", 2), ("studio", 1)]


def test_other_recommender_cannot_recommend(call, unit_a, yvonne):
    (app,) = _apps(call, unit_a, 1)
    with pytest.raises(DomainError, match="您无权办理该推荐单位的推荐事项。"):
        services.recommend(app, by=yvonne)


def test_not_recommending_requires_a_reason(call, unit_a, rex):
    (app,) = _apps(call, unit_a, 1)
    with pytest.raises(DomainError, match="请填写不予推荐的理由。"):
        services.decline(app, by=rex, reason="  ")
    services.decline(app, by=rex, reason="实训工位不足")
    app.refresh_from_db()
    assert app.status == S.NOT_RECOMMENDED
    assert app.events.last().comment == "实训工位不足"


def test_not_recommending_a_recommended_one_closes_the_ranking_gap(call, unit_a, rex):
    first, second = _apps(call, unit_a, 2)
    services.recommend(first, by=rex)
    services.recommend(second, by=rex)
    services.decline(first, by=rex, reason="经评审排名靠后")
    assert list(Recommendation.objects.values_list("application_id", "rank")) == [(second.pk, 1)]


def test_undo_makes_the_application_undecided_again(call, unit_a, rex):
    (app,) = _apps(call, unit_a, 1)
    services.recommend(app, by=rex)
    services.undo_decision(app, by=rex)
    app.refresh_from_db()
    assert app.status == S.SUBMITTED
    assert not Recommendation.objects.exists()


def test_return_for_revision_requires_comments_and_reaches_the_unit(call, unit_a, rex):
    (app,) = _apps(call, unit_a, 1)
    with pytest.raises(DomainError, match="请填写退回修改意见。"):
        services.return_application(app, by=rex, comments="")
    services.return_application(app, by=rex, comments="请补充2024年培训台账", sections=["t1_1"])
    app.refresh_from_db()
    assert app.status == S.RETURNED
    event = app.events.filter(action="return").get()
    assert (event.actor, event.comment) == (rex, "请补充2024年培训台账")


def test_a_recommended_application_cannot_be_returned_before_undoing(call, unit_a, rex):
    (app,) = _apps(call, unit_a, 1)
    services.recommend(app, by=rex)
    with pytest.raises(DomainError, match="已作出初评结论的，请先撤销"):
        services.return_application(app, by=rex, comments="补充材料")


def test_a_returned_application_cannot_be_recommended(call, unit_a, rex):
    (app,) = _apps(call, unit_a, 1, status=S.RETURNED)
    with pytest.raises(DomainError, match="^申报当前状态为“退回修改”，不能推荐。$"):
        services.recommend(app, by=rex)


def test_direct_unit_recommends_one_base_and_one_studio(call, region, rex):
    from orgs.models import OrgKind
    from orgs.roles import Role
    from orgs.services import grant_membership

    dept = OrganisationFactory(kind=OrgKind.DIRECT, parent=region, name="测试区直厅",
                               credit_code="")
    call.recommenders.add(dept)
    for kind in ProjectKind.values:
        Quota.objects.create(call=call, recommender=dept, kind=kind, amount=1)
    grant_membership(user=rex, organisation=dept, role=Role.RECOMMENDER)
    school = OrganisationFactory(parent=dept, name="测试直属技工学校")
    base1, base2 = _apps(call, school, 2)
    studio = submitted_application(call=call, unit=school, kind=ProjectKind.STUDIO)
    services.recommend(base1, by=rex)
    services.recommend(studio, by=rex)
    with pytest.raises(DomainError, match=r"已达到推荐名额（1个）"):
        services.recommend(base2, by=rex)
    assert Recommendation.objects.get(application=base1).package.recommender == dept
