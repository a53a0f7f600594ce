"""The modules that used to guard their imports (an "optional" quotas model, a missing cipher,
a missing template) now import directly and do the real thing. (A dead Redis as a cache miss:
test_faults_cache.)"""

import pytest

from calls.choices import ProjectKind
from core import pii
from documents.samples import fill_application, id_number
from quotas import services as quota_services
from quotas.models import RecommendationPackage
from review.dashboard import receipt_rows

from .factories import ApplicationFactory, occupation

pytestmark = pytest.mark.django_db


def test_receipt_rows_carry_each_recommenders_package_and_contact(call, recommender_x,
                                                                  recommender_y, rex):
    quota_services.register_contact(call, recommender_x, by=rex, name="赵联络",
                                    phone="0472-5123456", mobile="13904721234")
    packages = {p.recommender: p for p in RecommendationPackage.objects.filter(call=call)}
    rows = {r["recommender"]: r for r in receipt_rows(call)}
    assert (rows[recommender_x]["package"], rows[recommender_x]["contact"].name) == (
        packages[recommender_x], "赵联络")
    assert (rows[recommender_y]["package"], rows[recommender_y]["contact"]) == (
        packages[recommender_y], None)


def test_sample_data_stores_the_leaders_id_number_encrypted(call, unit_a, alice):
    app = ApplicationFactory(call=call, unit=unit_a, created_by=alice, kind=ProjectKind.STUDIO,
                             tier="")
    fill_application(app, occupations=[occupation("6-18-01-01")])
    stored = app.sections.get(key="master").data["id_number"]
    assert pii.is_encrypted(stored)
    assert pii.decrypt(stored) == id_number()

