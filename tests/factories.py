from datetime import date, timedelta

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


def occupation(code: str) -> Occupation:
    return Occupation.objects.get(code=code)


class ExpertFactory(factory.django.DjangoModelFactory):
    """An expert of the review pool (review.Expert); mobile stored encrypted."""

    class Meta:
        model = "review.Expert"

    name = factory.Sequence(lambda n: f"专家{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    post = "教授/高级工程师"
    mobile_encrypted = factory.Sequence(lambda n: encrypt_pii(f"139{n:08d}"))
