"""专家库 per issuing organisation: a reviewer adds experts to their own organisation's pool, a
panel of a call draws only from its issuer's pool, and the page names the pool it shows."""

from decimal import Decimal

import pytest
from django.urls import reverse

from calls.choices import ProjectKind
from core.errors import DomainError
from orgs.models import OrgKind
from orgs.roles import Role
from orgs.services import grant_membership
from review.models import Expert
from review.services.panels import create_panel, set_panel

from .factories import CallFactory, OrganisationFactory, UserFactory
from .review_support import expert_pool

pytestmark = pytest.mark.django_db


@pytest.fixture
def bureau(region):
    return OrganisationFactory(kind=OrgKind.LEAGUE_CITY, parent=region, name="测试市人力资源和社会保障局",
                               short_name="测试市", credit_code="")


@pytest.fixture
def olga(bureau):
    user = UserFactory(username="olga")
    grant_membership(user=user, organisation=bureau, role=Role.REVIEWER)
    return user


def test_a_new_expert_goes_to_the_reviewers_own_pool(client, olga, bureau, region):
    client.force_login(olga)
    page = client.get(reverse("review:expert_new"))
    assert page.status_code == 200
    response = client.post(reverse("review:expert_new"), {
        "pool": region.pk,  # not olga's: refused at the field, nothing saved
        "name": "钱专家", "organisation": bureau.pk, "post": "高级技师", "mobile": "13912345678",
        "occupation_codes": "", "is_active": "on"})
    assert response.status_code == 200 and not Expert.objects.exists()
    assert "选择一个有效的选项" in response.content.decode()
    client.post(reverse("review:expert_new"), {
        "pool": bureau.pk, "name": "钱专家", "organisation": bureau.pk, "post": "高级技师",
        "mobile": "13912345678", "occupation_codes": "", "is_active": "on"})
    assert list(Expert.objects.values_list("name", "pool")) == [("钱专家", bureau.pk)]
    listing = client.get(reverse("review:experts")).content.decode()
    assert "<h1>测试市专家库</h1>" in listing and "钱专家" in listing


def test_a_panel_draws_only_from_its_issuers_pool(region, bureau, rita):
    call = CallFactory(issuer=region)
    ours = expert_pool(region, 5, prefix="r")
    theirs = expert_pool(bureau, 1, prefix="b")
    panel = create_panel(call, ProjectKind.BASE, by=rita)
    with pytest.raises(DomainError) as refused:
        set_panel(panel, experts=ours[:4] + theirs, chair=ours[0], per_application=None,
                  spread_flag=Decimal("20"), by=rita)
    assert "只能从" in refused.value.message and theirs[0].name in refused.value.message
    assert not panel.members.exists()
    set_panel(panel, experts=ours, chair=ours[0], per_application=None, spread_flag=Decimal("20"), by=rita)
    assert panel.members.count() == 5
