"""105号 三 超出推荐名额的不予受理 — also when many staff of one bureau click at once."""

import threading

import pytest
from django.db import IntegrityError, connections, transaction
from django.test import Client
from django.urls import reverse

from catalog.models import Occupation
from core.errors import DomainError
from declare.models import ApplicationStatus
from orgs.roles import Role
from orgs.services import grant_membership
from quotas import services
from quotas.models import Recommendation, RecommendationPackage

from .factories import UserFactory
from .quotas_support import submitted_application

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _occupation(transactional_db):
    # A transactional test's flush empties the catalogue that the data migration loaded.
    Occupation.objects.get_or_create(code="6-18-01-01", defaults={"name": "车工", "level": 4})

N = 20
QUOTA_MESSAGE = "已达到推荐名额（2个），不能再推荐。超出推荐名额的不予受理。"


def _race(target, items):
    """Run target(item) in one thread per item, released together; each has its own DB
    connection, closed at the end."""
    barrier = threading.Barrier(len(items))
    outcomes = [None] * len(items)

    def run(i, item):
        try:
            barrier.wait(timeout=30)
            outcomes[i] = target(item)
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test inspects
            outcomes[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, item)) for i, item in enumerate(items)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return outcomes


def test_twenty_concurrent_recommend_calls_at_quota_two_admit_exactly_two(call, unit_a, rex):
    apps = [submitted_application(call=call, unit=unit_a) for _ in range(N)]
    outcomes = _race(lambda app: services.recommend(app, by=rex), apps)
    won = [o for o in outcomes if isinstance(o, Recommendation)]
    refused = [o for o in outcomes if isinstance(o, DomainError)]
    assert (len(won), len(refused)) == (2, N - 2)
    assert {e.message for e in refused} == {QUOTA_MESSAGE}
    assert sorted(r.rank for r in won) == [1, 2]
    assert Recommendation.objects.count() == 2
    assert RecommendationPackage.objects.filter(recommender=unit_a.parent).count() == 1
    statuses = sorted(a.status for a in type(apps[0]).objects.filter(pk__in=[a.pk for a in apps]))
    assert statuses.count(ApplicationStatus.RECOMMENDED) == 2


def test_twenty_staff_of_one_bureau_posting_at_once_leave_exactly_two_recommended(
        call, unit_a, recommender_x):
    apps = [submitted_application(call=call, unit=unit_a) for _ in range(N)]
    clients = []
    for i, app in enumerate(apps):
        # One account per person: the same account may not be logged in twice (等保2.0).
        staff = UserFactory(username=f"staff{i}")
        grant_membership(user=staff, organisation=recommender_x, role=Role.RECOMMENDER)
        c = Client()
        c.force_login(staff)
        clients.append((c, reverse("quotas:recommend", args=[recommender_x.pk, call.pk, app.pk])))
    outcomes = _race(lambda pair: pair[0].post(pair[1])["Location"], clients)
    assert outcomes == [reverse("quotas:inbox", args=[recommender_x.pk, call.pk])] * N
    assert Recommendation.objects.count() == 2
    assert type(apps[0]).objects.filter(status=ApplicationStatus.RECOMMENDED).count() == 2


def test_the_database_refuses_a_rank_beyond_the_quota_even_without_the_service(
        call, unit_a, rex):
    a, b, c = (submitted_application(call=call, unit=unit_a) for _ in range(3))
    services.recommend(a, by=rex)
    services.recommend(b, by=rex)
    package = RecommendationPackage.objects.get(recommender=unit_a.parent)
    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.create(package=package, application=c, kind="base", rank=3,
                                      quota=2, recommended_by=rex)
    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.create(package=package, application=c, kind="base", rank=2,
                                      quota=2, recommended_by=rex)
    assert Recommendation.objects.count() == 2
