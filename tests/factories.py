from datetime import date, timedelta
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from calls.choices import CallLevel, Category, ProjectKind
from calls.models import Call, end_of_day
from catalog.models import Occupation
from core.pii import encrypt as encrypt_pii
from declare.models import Application
from orgs.models import Organisation, OrgKind
from orgs.services import grant_membership
from orgs.validators import credit_code_check_char
from quotas.models import Quota


def credit_code(n: int) -> str:
    body = f"91150{n:012d}"[:17]
    return body + credit_code_check_char(body)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.LazyFunction(lambda: make_password("Test@pass123"))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrgKind.APPLICANT
    name = factory.Sequence(lambda n: f"测试单位{n}")
    short_name = factory.LazyAttribute(lambda o: o.name[:10])
    credit_code = factory.Sequence(lambda n: credit_code(n + 1000))


class RecommenderFactory(OrganisationFactory):
    kind = OrgKind.LEAGUE_CITY
    name = factory.Sequence(lambda n: f"测试盟市{n}人力资源和社会保障局")
    short_name = factory.Sequence(lambda n: f"测试盟市{n}")
    credit_code = ""


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    issuer = factory.SubFactory(OrganisationFactory, kind=OrgKind.REGION,
                                name=factory.Sequence(lambda n: f"测试自治区人社厅{n}"))
    level = CallLevel.NATIONAL
    year = 2025
    title = "测试申报批次"
    doc_number = factory.Sequence(lambda n: f"测试发〔2025〕{n}号")
    indicator_base = 5
    indicator_studio = 5
    published_on = date(2025, 6, 24)
    contact_due = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))
    recommender_deadline = factory.LazyFunction(
        lambda: end_of_day(timezone.localdate() + timedelta(days=30)))


class QuotaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quota

    call = factory.SubFactory(CallFactory)
    recommender = factory.SubFactory(RecommenderFactory)
    kind = ProjectKind.BASE
    amount = 2


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    unit = factory.SubFactory(OrganisationFactory)
    kind = ProjectKind.BASE
    category = Category.MANUFACTURING
    tier = "A"
    reference = factory.Sequence(lambda n: f"T-{n:05d}")
    created_by = factory.SubFactory(UserFactory)


def member(username: str, organisation: Organisation, role: str):
    """A user holding `role` in `organisation` (through the membership service)."""
    user = UserFactory(username=username)
    grant_membership(user=user, organisation=organisation, role=role)
    return user


def city_bureau(region: Organisation) -> Organisation:
    """A second issuing organisation: a city bureau under the region (like 鄂尔多斯市人社局)."""
    return RecommenderFactory(parent=region, short_name="丙市", name="丙市人力资源和社会保障局")


def county_of(bureau: Organisation) -> Organisation:
    """The bureau's recommender, a 旗县区 bureau (like 东胜区人社局)."""
    return RecommenderFactory(parent=bureau, kind=OrgKind.COUNTY, short_name="丙市甲区",
                              name="丙市甲区人力资源和社会保障局")


def city_call(bureau: Organisation, recommender: Organisation) -> Call:
    """The bureau's own call: level 市级, flat subsidies 20万/5万 (鄂人社发〔2022〕100号), two
    places of each kind for `recommender`."""
    call = CallFactory(issuer=bureau, level=CallLevel.CITY, title="丙市市级建设项目申报",
                       subsidy_base=Decimal("20.00"), subsidy_studio=Decimal("5.00"))
    call.recommenders.add(recommender)
    for kind in ProjectKind.values:
        QuotaFactory(call=call, recommender=recommender, kind=kind, amount=2)
    return call


def occupation(code: str) -> Occupation:
    return Occupation.objects.get(code=code)


def issuer_above(org: Organisation) -> Organisation:
    """The nearest organisation at or above `org` that issues calls (the region, a city bureau),
    else the root: the 专家库 an expert working at `org` belongs to unless told otherwise."""
    while org.parent_id is not None and not Call.objects.filter(issuer=org).exists():
        org = org.parent
    return org


class ExpertFactory(factory.django.DjangoModelFactory):
    """An expert of the review pool (review.Expert); mobile stored encrypted. The pool is the
    issuing organisation whose 专家库 holds the expert: by default the issuer at or above the
    expert's unit (issuer_above); pass `pool=` to choose it."""

    class Meta:
        model = "review.Expert"

    name = factory.Sequence(lambda n: f"专家{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    pool = factory.LazyAttribute(lambda o: issuer_above(o.organisation))
    post = "教授/高级工程师"
    mobile_encrypted = factory.Sequence(lambda n: encrypt_pii(f"139{n:08d}"))
    invited_at = factory.LazyFunction(timezone.now)   # invited and accepted (保密及回避承诺)
    accepted_at = factory.LazyFunction(timezone.now)
