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
    packages = {p.recommender_id: p for p in RecommendationPackage.objects.filter(call=call)}
    rows = {r["pk"]: r for r in receipt_rows(call)}
    x, y = rows[recommender_x.pk], rows[recommender_y.pk]
    assert (x["label"], x["package"]["label"], x["contact"]) == (
        recommender_x.label, packages[recommender_x.pk].get_status_display(),
        {"name": "赵联络", "phone": "0472-5123456"})
    assert (y["package"]["label"], y["contact"]) == (
        packages[recommender_y.pk].get_status_display(), None)


def test_sample_data_stores_the_leaders_id_number_encrypted(call, unit_a, alice):
    app = ApplicationFactory(call=call, unit=unit_a, created_by=alice, kind=ProjectKind.STUDIO,
                             tier="")
    fill_application(app, occupations=[occupation("6-18-01-01")])
    stored = app.sections.get(key="master").data["id_number"]
    assert pii.is_encrypted(stored)
    assert pii.decrypt(stored) == id_number()

