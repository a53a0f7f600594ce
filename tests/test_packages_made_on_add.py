"""A recommender's package is made when it is added to a call, so that reading pages never
write; and roles cannot be granted beside memberships in the admin."""

import pytest
from django.urls import reverse

from quotas.models import RecommendationPackage

from .factories import RecommenderFactory

pytestmark = pytest.mark.django_db


def test_adding_a_recommender_to_a_call_makes_its_package(call, region):
    late = RecommenderFactory(parent=region, name="新增推荐单位")
    assert not RecommendationPackage.objects.filter(recommender=late).exists()
    call.recommenders.add(late)
    assert RecommendationPackage.objects.filter(call=call, recommender=late).count() == 1
    late.calls.add(call)  # again, from the other side: still one
    assert RecommendationPackage.objects.filter(call=call, recommender=late).count() == 1


@pytest.mark.parametrize("page", ["quotas:inbox", "quotas:package", "quotas:report",
                                  "quotas:contact", "quotas:ranking"])
def test_reading_a_recommenders_pages_writes_no_package(client, call, recommender_x, rex, page):
    before = list(RecommendationPackage.objects.order_by("pk").values())
    client.force_login(rex)
    for _ in range(2):
        assert client.get(reverse(page, args=[recommender_x.pk, call.pk])).status_code == 200
    assert list(RecommendationPackage.objects.order_by("pk").values()) == before


def test_region_pages_write_no_package(client, call, rita):
    before = list(RecommendationPackage.objects.order_by("pk").values())
    client.force_login(rita)
    assert client.get(reverse("quotas:region", args=[call.pk])).status_code == 200
    assert client.get(reverse("quotas:region_index"), follow=True).status_code == 200
    assert list(RecommendationPackage.objects.order_by("pk").values()) == before


def test_the_admin_offers_no_hand_granted_object_permissions(admin_client, region):
    assert admin_client.get(reverse("admin:orgs_organisation_change",
                                    args=[region.pk])).status_code == 200
    url = reverse("admin:orgs_organisation_changelist") + f"{region.pk}/permissions/"
    assert admin_client.get(url, follow=True).redirect_chain[-1][0] != url
