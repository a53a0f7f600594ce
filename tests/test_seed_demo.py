import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from calls.models import Call
from orgs.models import Organisation, OrgKind
from quotas.models import Quota

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    return Call.objects.get(doc_number="内人社办发〔2025〕105号")


def test_annex1_quota_table_is_loaded_exactly(demo):
    cities = Quota.objects.filter(call=demo, recommender__kind__in=[
        OrgKind.LEAGUE_CITY, OrgKind.PLANNED_CITY])
    assert cities.values("recommender").distinct().count() == 14
    assert cities.filter(kind="base").aggregate(s=Sum("amount"))["s"] == 28
    assert cities.filter(kind="studio").aggregate(s=Sum("amount"))["s"] == 28
    assert Quota.objects.get(call=demo, recommender__short_name="包头市", kind="base").amount == 4
    direct = Quota.objects.filter(call=demo, recommender__kind=OrgKind.DIRECT)
    assert sorted(direct.values_list("amount", flat=True)) == [1] * 6


def test_call_carries_the_notice_facts(demo):
    assert (demo.indicator_base, demo.indicator_studio) == (5, 5)
    assert str(demo.contact_due) == "2025-07-05"
    assert demo.recommender_deadline.isoformat() == "2025-07-31T15:59:59+00:00"
    assert demo.recommenders.count() == 17


def test_seed_demo_is_idempotent(demo):
    before = (Organisation.objects.count(), Quota.objects.count())
    call_command("seed_demo")
    assert (Organisation.objects.count(), Quota.objects.count()) == before


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="生产环境（DEBUG 关闭）不允许载入演示数据。"):
        call_command("seed_demo")
