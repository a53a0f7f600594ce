"""The region's pages: who registered a contact (overdue marked), packages, reopen, extend."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quotas import services
from quotas.models import PackageStatus, RecommendationPackage

from .factories import RecommenderFactory
from .quotas_support import fill_package, submitted_application

pytestmark = pytest.mark.django_db


def test_contacts_page_marks_who_is_overdue(client, call, rex, rita, recommender_x,
                                            recommender_y):
    call.contact_due = date(2025, 7, 5)
    call.save()
    services.register_contact(call, recommender_x, by=rex, name="赵联络", phone="0472-5123456",
                              mobile="13904721234")
    client.force_login(rita)
    r = client.get(reverse("quotas:region_contacts", args=[call.pk]))
    rows = {row["recommender"].short_name: row for row in r.context["rows"]}
    assert (rows["甲市"]["contact"].name, rows["甲市"]["contact_late"]) == ("赵联络", True)
    assert (rows["乙市"]["contact"], rows["乙市"]["contact_overdue"]) == (None, True)
    html = r.content.decode()
    assert "逾期未登记" in html and "逾期登记" in html
    assert "其中 1 个尚未登记（已逾期）" in html


def test_before_the_due_date_nobody_is_overdue(client, call, rita):
    call.contact_due = timezone.localdate() + timedelta(days=1)
    call.save()
    client.force_login(rita)
    r = client.get(reverse("quotas:region_contacts", args=[call.pk]))
    assert [row["contact_overdue"] for row in r.context["rows"]] == [False, False]


@pytest.mark.parametrize("extra", [0, 2])
def test_region_overview_query_count(client, call, region, rita, extra,
                                     django_assert_max_num_queries):
    for _ in range(extra):
        call.recommenders.add(RecommenderFactory(parent=region))
    client.force_login(rita)
    url = reverse("quotas:region", args=[call.pk])
    client.get(url)
    with django_assert_max_num_queries(14):
        r = client.get(url)
    assert len(r.context["rows"]) == 2 + extra


def test_reviewer_reopens_a_submitted_package_through_the_page(
        client, call, unit_a, rex, rita, recommender_x):
    package = RecommendationPackage.objects.get(call=call, recommender=recommender_x)
    services.recommend(submitted_application(call=call, unit=unit_a), by=rex)
    fill_package(package, by=rex)
    services.submit_package(package, by=rex)
    client.force_login(rita)
    url = reverse("quotas:reopen", args=[call.pk, recommender_x.pk])
    r = client.post(url, {"reason": ""})
    assert r.status_code == 400
    assert r.context["reopen_form"].errors["reason"] == ["请填写退回重报的理由。"]
    client.post(url, {"reason": "缺纪检监察部门意见原件"})
    package.refresh_from_db()
    assert package.status == PackageStatus.REOPENED
    assert package.events.last().comment == "缺纪检监察部门意见原件"


def test_reviewer_grants_an_extension_through_the_page(client, call, rita, recommender_x):
    client.force_login(rita)
    url = reverse("quotas:extend", args=[call.pk, recommender_x.pk])
    until = timezone.localtime(call.deadline + timedelta(days=2))
    r = client.post(url, {"until": "2020-01-01T00:00", "reason": "系统故障"})
    assert r.status_code == 400
    assert "应晚于统一截止时间" in r.context["extension_form"].errors["until"][0]
    r = client.post(url, {"until": until.strftime("%Y-%m-%dT%H:%M"), "reason": "系统故障"})
    assert r.status_code == 302
    package = RecommendationPackage.objects.get(recommender=recommender_x)
    assert package.deadline == until.replace(second=0, microsecond=0)
    assert package.extension_reason == "系统故障"
