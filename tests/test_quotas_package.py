"""Submitting the package: completeness, deadline and lock, tested at the boundary second."""

from datetime import timedelta

import pytest

from core.errors import DomainError
from declare.models import ApplicationStatus
from quotas import services
from quotas.models import PackageStatus, RecommendationPackage

from .quotas_support import fill_package, submitted_application

pytestmark = pytest.mark.django_db

S = ApplicationStatus
SECOND = timedelta(seconds=1)


@pytest.fixture
def package(call, recommender_x):
    return RecommendationPackage.objects.get(call=call, recommender=recommender_x)


@pytest.fixture
def ready(package, call, unit_a, rex):
    """Two bases recommended, report and contact complete."""
    apps = [submitted_application(call=call, unit=unit_a) for _ in range(2)]
    for app in apps:
        services.recommend(app, by=rex)
    fill_package(package, by=rex)
    return apps


def _reload(package):
    return RecommendationPackage.objects.get(pk=package.pk)


def test_submission_forwards_the_ranked_applications_and_locks(package, ready, rex, call):
    at = call.deadline - timedelta(hours=1)
    services.submit_package(package, by=rex, now=at)
    package = _reload(package)
    assert (package.status, package.submitted_at, package.submitted_by) == (
        PackageStatus.SUBMITTED, at, rex)
    assert [a.status for a in type(ready[0]).objects.filter(pk__in=[a.pk for a in ready])] == [
        S.FORWARDED, S.FORWARDED]
    assert package.events.last().action == "submit"


def test_submission_at_the_deadline_second_is_accepted(package, ready, rex, call):
    services.submit_package(package, by=rex, now=call.deadline)
    assert _reload(package).status == PackageStatus.SUBMITTED


def test_submission_one_second_after_the_deadline_is_refused(package, ready, rex, call):
    with pytest.raises(DomainError) as exc:
        services.submit_package(package, by=rex, now=call.deadline + SECOND)
    assert exc.value.message.startswith("已超过报送截止时间（")
    assert _reload(package).status == PackageStatus.DRAFT


def test_decisions_stop_one_second_after_the_deadline(package, call, unit_a, rex):
    a, b = (submitted_application(call=call, unit=unit_a) for _ in range(2))
    services.recommend(a, by=rex, now=call.deadline)
    with pytest.raises(DomainError, match="已超过报送截止时间"):
        services.recommend(b, by=rex, now=call.deadline + SECOND)
    with pytest.raises(DomainError, match="已超过报送截止时间"):
        services.decline(b, by=rex, reason="不符合条件", now=call.deadline + SECOND)


def test_an_extension_moves_this_recommenders_boundary_only(package, ready, rex, rita, call):
    until = call.deadline + timedelta(days=3)
    services.grant_extension(package, by=rita, until=until, reason="暴雨导致材料延误",
                             now=call.deadline - SECOND)
    with pytest.raises(DomainError, match="已超过报送截止时间"):
        services.submit_package(package, by=rex, now=until + SECOND)
    services.submit_package(package, by=rex, now=until)
    package = _reload(package)
    assert (package.status, package.extension_reason, package.extension_granted_by) == (
        PackageStatus.SUBMITTED, "暴雨导致材料延误", rita)


def test_only_the_region_grants_extensions_with_a_reason(package, rex, rita, call):
    until = call.deadline + timedelta(days=1)
    with pytest.raises(DomainError, match="只有自治区审核人员可以办理该事项。"):
        services.grant_extension(package, by=rex, until=until, reason="x")
    with pytest.raises(DomainError, match="请填写延期理由。"):
        services.grant_extension(package, by=rita, until=until, reason=" ")
    with pytest.raises(DomainError, match="应晚于统一截止时间"):
        services.grant_extension(package, by=rita, until=call.deadline, reason="x")


def test_everything_is_locked_after_submission(package, ready, rex, call, unit_a):
    services.submit_package(package, by=rex)
    other = submitted_application(call=call, unit=unit_a)
    locked = "推荐材料已报送自治区，已锁定"
    with pytest.raises(DomainError, match=locked):
        services.recommend(other, by=rex)
    with pytest.raises(DomainError, match=locked):
        services.move(ready[1], by=rex, step=-1)
    with pytest.raises(DomainError, match=locked):
        services.save_report(package, by=rex, data={}, experts=[])
    with pytest.raises(DomainError, match=locked):
        services.undo_decision(ready[0], by=rex)
    with pytest.raises(DomainError, match="不能重复报送"):
        services.submit_package(package, by=rex)


def test_region_reopens_with_a_reason_and_the_applications_come_back(package, ready, rex,
                                                                     rita):
    services.submit_package(package, by=rex)
    with pytest.raises(DomainError, match="请填写退回重报的理由。"):
        services.reopen_package(package, by=rita, reason="")
    with pytest.raises(DomainError, match="只有自治区审核人员可以办理该事项。"):
        services.reopen_package(package, by=rex, reason="自己退回")
    services.reopen_package(package, by=rita, reason="推荐报告缺少纪检监察部门盖章")
    package = _reload(package)
    assert package.status == PackageStatus.REOPENED
    assert {a.status for a in type(ready[0]).objects.filter(pk__in=[a.pk for a in ready])} == {
        S.RECOMMENDED}
    services.move(ready[1], by=rex, step=-1)
    services.submit_package(package, by=rex)
    assert _reload(package).status == PackageStatus.SUBMITTED


def test_submission_lists_everything_missing(package, call, unit_a, rex):
    app = submitted_application(call=call, unit=unit_a, complete=False)
    services.recommend(app, by=rex)
    with pytest.raises(DomainError) as exc:
        services.submit_package(package, by=rex)
    problems = exc.value.problems
    assert exc.value.message == "推荐材料尚不完整，不能报送："
    assert "尚未填写推荐报告。" in problems
    assert "尚未登记联系人和联系电话。" in problems
    assert any(p.startswith(f"甲技师（{app.reference}）申报表未填写完整：封面、表1-1") for p in problems)


@pytest.mark.parametrize(("count", "problems"), [
    (4, ["专家人数不得少于5人（当前 4 人）。"]),
    (6, ["专家人数应为单数（当前 6 人）。"]),
])
def test_the_expert_group_must_be_at_least_five_and_odd(package, ready, rex, count, problems):
    experts = [{"name": f"专家{i}", "unit": "某单位", "title": "高级技师"} for i in range(count)]
    fill_package(package, by=rex, experts=experts)
    with pytest.raises(DomainError) as exc:
        services.submit_package(package, by=rex)
    assert exc.value.problems == problems


def test_submit_page_posts_and_shows_the_timeline(client, package, ready, rex, recommender_x,
                                                  call):
    from django.urls import reverse

    client.force_login(rex)
    r = client.post(reverse("quotas:submit", args=[recommender_x.pk, call.pk]), follow=True)
    html = r.content.decode()
    assert "推荐材料已报送自治区，已锁定。" in html
    assert "报送自治区" in html and "登记联系人" in html and "保存推荐报告" in html
