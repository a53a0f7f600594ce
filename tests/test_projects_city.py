"""The Ordos city-level programme (鄂人社发〔2022〕100号) as `seed_demo` loads it, and the same
declare → recommend → review → project flow one level down; the ban and re-application
rules as the unit meets them on the 资格预审 page and at submission."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from calls.choices import CallLevel, ProjectKind
from core.dates import add_years
from core.errors import DomainError
from declare.models import ApplicationStatus
from declare.schema import chinese_date
from orgs.demo import ORDOS_COUNTIES
from orgs.models import OrgKind
from projects.demo import CITY_DEPARTMENTS
from projects.models import Ban, Project
from projects.services import amount_for, create_project_from_application
from quotas.models import Quota
from quotas.services import quota_message, recommend
from review.services.receipt import accept_package

from .test_declare_workflow_builders import complete_application
from .test_projects_city_support import (
    LEADER,
    approved_city_studio,
    city_review_approves,
    demo_user,
    ordos_cast,
    recommended_and_submitted,
    submitted_studio,
)

pytestmark = pytest.mark.django_db
COUNTIES = [name for name, _code in ORDOS_COUNTIES]
DEPARTMENTS = [short for _name, short, _login in CITY_DEPARTMENTS]


@pytest.fixture
def cast(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    return ordos_cast()


def _precheck_row(client, user, app, rule_id):
    client.force_login(user)
    html = client.get(reverse("declare:precheck", args=[app.pk])).content.decode()
    start = html.index(f'data-rule="{rule_id}"')
    return html[html.rindex("<tr", 0, start):html.index("</tr>", start)]


def test_seed_demo_issues_the_ordos_call_from_the_city_with_its_recommenders_and_subsidies(cast):
    call = cast["call"]
    assert (call.issuer.name, call.co_issuer, call.level) == (
        "鄂尔多斯市人力资源和社会保障局", "鄂尔多斯市财政局", CallLevel.CITY)
    assert (call.subsidy_base, call.subsidy_studio) == (Decimal("20.00"), Decimal("5.00"))
    assert (call.indicator_base, call.indicator_studio) == (20, 40)
    recommenders = list(call.recommenders.order_by("kind", "division_code", "name"))
    assert sorted(r.short_name for r in recommenders if r.kind == OrgKind.COUNTY) == \
        sorted(COUNTIES)
    assert sorted(r.short_name for r in recommenders if r.kind == OrgKind.CITY_DIRECT) == \
        sorted(DEPARTMENTS)
    assert len(recommenders) == 12
    assert {r.parent.name for r in recommenders} == {"鄂尔多斯市人力资源和社会保障局"}
    assert Quota.objects.get(call=call, recommender=cast["recommender"], kind="studio").amount == 2
    assert amount_for(call, ProjectKind.BASE, "manufacturing", "A") == Decimal("20.00")
    assert amount_for(call, ProjectKind.STUDIO, "manufacturing") == Decimal("5.00")


def test_a_unit_declares_to_its_county_which_recommends_and_submits_to_the_city(client, cast):
    app = submitted_studio(cast)
    assert app.status == ApplicationStatus.SUBMITTED
    inbox = reverse("quotas:inbox", args=[cast["recommender"].pk, cast["call"].pk])
    client.force_login(cast["rec_user"])
    assert app.reference in client.get(inbox).content.decode()
    client.force_login(demo_user("rec_kangbashi"))
    assert client.get(inbox).status_code == 404
    package = recommended_and_submitted(cast, app)
    app.refresh_from_db()
    assert (app.status, package.status) == (ApplicationStatus.FORWARDED, "submitted")
    assert app.recommendation.rank == 1


def test_the_county_quota_of_two_studios_holds_one_level_down(cast):
    apps = [submitted_studio(cast, leader=f"领办人{i}") for i in range(3)]
    for app in apps[:2]:
        recommend(app, by=cast["rec_user"])
    with pytest.raises(DomainError, match=quota_message(2)):
        recommend(apps[2], by=cast["rec_user"])


def test_only_the_city_bureau_admits_the_countys_package(cast):
    app = submitted_studio(cast)
    recommended_and_submitted(cast, app)
    with pytest.raises(DomainError, match="报送截止时间尚未届满.+（.+，已延期）.+等\\d+个推荐单位，最晚截止时间为.+。截止后方可受理"):
        accept_package(cast["call"], cast["recommender"], by=cast["reviewer"])
    with pytest.raises(DomainError, match="您无权受理该申报批次的材料"):
        accept_package(cast["call"], cast["recommender"], by=demo_user("reviewer"))
    app = city_review_approves(cast, app)
    assert app.status == ApplicationStatus.APPROVED


def test_a_city_approved_studio_becomes_a_5_wan_one_year_project_with_its_leader(cast):
    app = approved_city_studio(cast)
    today = timezone.localdate()
    project = create_project_from_application(app, by=cast["reviewer"], released_on=today)
    assert (project.amount, project.leader_name, project.period_end) == (
        Decimal("5.00"), LEADER, add_years(today, 1))
    assert project.call.issuer == cast["bureau"]


def test_banned_unit_sees_the_ban_on_the_precheck_page_and_cannot_submit(client, cast):
    """准格尔煤炭技校 had its studio revoked for fraud in the demo: barred for 3 years."""
    unit_user = demo_user("app_zhungeer1")
    unit = unit_user.memberships.get().organisation
    ban = Ban.objects.get(unit=unit)
    assert ban.ends_on == add_years(ban.starts_on, 3)
    app = complete_application(call=cast["call"], unit=unit, by=unit_user,
                               kind=ProjectKind.STUDIO, codes=("6-09-03-12",))
    row = _precheck_row(client, unit_user, app, "projects.ban")
    assert "不符合" in row
    assert f"本单位因“弄虚作假”被取消申报资格，{chinese_date(ban.ends_on)}前不得申报" in row
    response = client.post(reverse("declare:submit", args=[app.pk]), follow=True)
    assert "未被取消申报资格" in response.content.decode()
    app.refresh_from_db()
    assert app.status == ApplicationStatus.DRAFT


def test_a_unit_accepted_less_than_two_years_ago_is_refused_re_application(client, cast):
    """煤化工实训中心's city base was accepted 20 days before the demo day (100号 三(四))."""
    unit_user = demo_user("app_energy1")
    accepted = Project.objects.get(unit__memberships__user=unit_user)
    app = complete_application(call=cast["call"], unit=accepted.unit, by=unit_user,
                               kind=ProjectKind.BASE, codes=("6-11-01-03",))
    row = _precheck_row(client, unit_user, app, "projects.reapply")
    again = add_years(accepted.accepted_on, 2)
    assert "不符合" in row
    assert (f"本单位同类市级建设项目于 {accepted.accepted_on:%Y-%m-%d} 验收合格，未满2年，"
            f"{again:%Y-%m-%d} 起方可再次申报") in row
    client.post(reverse("declare:submit", args=[app.pk]))
    app.refresh_from_db()
    assert app.status == ApplicationStatus.DRAFT
