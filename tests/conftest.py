"""The fixed cast: applicants of units A and B (same recommender X), recommender X and Y,
an expert, a reviewer, an admin, and an outsider who must be refused; a second issuer (a city
bureau with its own call, county recommender and unit C) with its reviewer, admin and expert;
and a unit user whose membership was revoked."""

import os
import time
import uuid

import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings

from audit import dbroles
from calls.choices import ProjectKind
from orgs.models import OrgKind
from orgs.roles import Role
from orgs.services import grant_membership, revoke_membership
from orgs.stepup import VERIFIED_KEY

from .factories import (
    CallFactory,
    OrganisationFactory,
    QuotaFactory,
    RecommenderFactory,
    UserFactory,
    city_bureau,
    city_call,
    county_of,
    member,
)

# `make test` (CI) fuzzes with a fixed seed so a run is repeatable and a red build always has the
# same cause; `make fuzz` (HYPOTHESIS_PROFILE=explore) draws new hostile inputs each time.
hypothesis_settings.register_profile("ci", derandomize=True)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


# `force_login` stands for a complete login: the password and, for an account that must have one,
# the second factor (the session is marked as having given a code now). The two-step login itself
# is tested through the real views (tests/test_security_second_factor.py, tests/e2e).
_django_login = Client._login


def _login_with_both_factors(self, user, backend=None):
    _django_login(self, user, backend)
    session = self.session
    session[VERIFIED_KEY] = time.time()
    session.save()


Client._login = _login_with_both_factors


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """The test databases are created, migrated (granting the app role its privileges) and at
    the end dropped as the owner role (DATABASE_OWNER_URL), as in production (issue 14 §3)…"""
    with dbroles.login("owner"):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """…and the tests run as the app's own role (DATABASE_URL). The flush after a transactional
    test logs in as the owner again (audit/management/commands/flush.py)."""
    with dbroles.login("app"):
        yield


# Cache keys of this run (and this xdist worker) only: a Redis cache outlives the test database,
# whose primary keys start again at 1 in the next run or the next worker's database.
CACHE_PREFIX = f"test-{uuid.uuid4().hex[:12]}"


@pytest.fixture(autouse=True)
def _fast_settings(settings, tmp_path):
    settings.CACHES = {alias: {**conf, "KEY_PREFIX": CACHE_PREFIX}
                       for alias, conf in settings.CACHES.items()}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "core.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "private")}}}


@pytest.fixture
def celery_eager():
    """Tasks run in this process when sent, as under `make run` without Redis (the suite itself
    runs with REDIS_URL set, where a sent task waits for a worker)."""
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager = before


@pytest.fixture
def region(db):
    return OrganisationFactory(kind=OrgKind.REGION, name="测试自治区人力资源和社会保障厅",
                               short_name="自治区人社厅", credit_code="")


@pytest.fixture
def recommender_x(db, region):
    return RecommenderFactory(parent=region, short_name="甲市", name="甲市人力资源和社会保障局")


@pytest.fixture
def recommender_y(db, region):
    return RecommenderFactory(parent=region, short_name="乙市", name="乙市人力资源和社会保障局")


@pytest.fixture
def unit_a(recommender_x):
    return OrganisationFactory(parent=recommender_x, name="甲市第一技师学院", short_name="甲技师")


@pytest.fixture
def unit_b(recommender_x):
    return OrganisationFactory(parent=recommender_x, name="甲市第二职业培训学校",
                               short_name="甲培训")


@pytest.fixture
def unit_y(recommender_y):
    return OrganisationFactory(parent=recommender_y, name="乙市康养培训中心", short_name="乙康养")


@pytest.fixture
def call(region, recommender_x, recommender_y):
    c = CallFactory(issuer=region)
    for rec in (recommender_x, recommender_y):
        c.recommenders.add(rec)
        for kind in ProjectKind.values:
            QuotaFactory(call=c, recommender=rec, kind=kind, amount=2)
    return c


@pytest.fixture
def alice(unit_a):
    """Applicant of unit A."""
    return member("alice", unit_a, Role.APPLICANT)


@pytest.fixture
def bob(unit_b):
    """Applicant of unit B (same recommender as A)."""
    return member("bob", unit_b, Role.APPLICANT)


@pytest.fixture
def rex(recommender_x):
    """Recommender X (A's and B's recommender)."""
    return member("rex", recommender_x, Role.RECOMMENDER)


@pytest.fixture
def yvonne(recommender_y):
    """Recommender Y (not A's)."""
    return member("yvonne", recommender_y, Role.RECOMMENDER)


@pytest.fixture
def eve(region):
    """Expert."""
    return member("eve", region, Role.EXPERT)


@pytest.fixture
def rita(region):
    """Provincial reviewer."""
    return member("rita", region, Role.REVIEWER)


@pytest.fixture
def adam(region):
    """Administrator."""
    u = member("adam", region, Role.ADMIN)
    u.is_superuser = True
    u.save()
    return u


@pytest.fixture
def charlie(db):
    """Outsider: an account with no membership at all."""
    return UserFactory(username="charlie")


@pytest.fixture
def ursula(unit_a):
    """A unit user whose membership was removed: granted 申报单位用户 of unit A, then revoked."""
    u = UserFactory(username="ursula")
    revoke_membership(membership=grant_membership(user=u, organisation=unit_a,
                                                  role=Role.APPLICANT))
    return u


@pytest.fixture
def bureau(region):
    """A second issuing organisation: a city bureau with its own call (like 鄂尔多斯市人社局)."""
    return city_bureau(region)


@pytest.fixture
def county(bureau):
    """The bureau's recommender (a 旗县区 bureau)."""
    return county_of(bureau)


@pytest.fixture
def unit_c(county):
    return OrganisationFactory(parent=county, name="丙市煤化工职业技术学校", short_name="丙煤化工")


@pytest.fixture
def bureau_call(bureau, county):
    return city_call(bureau, county)


@pytest.fixture
def bureau_staff(bureau):
    """The second issuer's people: olga its reviewer, oscar its administrator (not a superuser)
    and ezra an expert of its 专家库."""
    return {name: member(name, bureau, role) for name, role in
            (("olga", Role.REVIEWER), ("oscar", Role.ADMIN), ("ezra", Role.EXPERT))}
