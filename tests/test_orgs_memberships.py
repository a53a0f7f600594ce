import pytest
from django.core.exceptions import ValidationError

from orgs.models import Membership, OrgKind
from orgs.roles import Role
from orgs.selectors import has_role, organisations_for
from orgs.services import grant_membership, revoke_membership

from .factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_membership_grants_the_object_permission_on_its_own_unit_only(alice, unit_a, unit_b):
    assert alice.has_perm("orgs.declare_for", unit_a)
    assert not alice.has_perm("orgs.declare_for", unit_b)
    assert list(organisations_for(alice, Role.APPLICANT)) == [unit_a]
    assert list(organisations_for(alice, Role.RECOMMENDER)) == []


def test_one_person_may_hold_roles_in_several_organisations(unit_a, recommender_y):
    u = UserFactory(username="multi")
    grant_membership(user=u, organisation=unit_a, role=Role.APPLICANT)
    grant_membership(user=u, organisation=recommender_y, role=Role.RECOMMENDER)
    assert has_role(u, Role.APPLICANT, unit_a) and has_role(u, Role.RECOMMENDER, recommender_y)
    assert not has_role(u, Role.RECOMMENDER, unit_a)
    assert Membership.objects.filter(user=u).count() == 2


def test_revoking_a_membership_removes_the_permission(alice, unit_a):
    revoke_membership(membership=alice.memberships.get())
    alice = type(alice).objects.get(pk=alice.pk)  # fresh permission cache
    assert not alice.has_perm("orgs.declare_for", unit_a)


def test_organisation_with_a_bad_credit_code_is_refused_in_chinese(recommender_x):
    org = OrganisationFactory.build(kind=OrgKind.APPLICANT, parent=recommender_x,
                                    credit_code="914403001922038217")
    with pytest.raises(ValidationError) as exc:
        org.full_clean()
    assert exc.value.message_dict["credit_code"] == [
        "统一社会信用代码校验不通过：可能有某一位填写有误，请对照营业执照或登记证书逐位核对。"]


def test_applicant_reports_through_its_parent(unit_a, recommender_x):
    assert unit_a.recommender == recommender_x
    assert recommender_x.recommender == recommender_x


def test_superuser_status_does_not_widen_role_scoping(adam, region, unit_a):
    assert list(organisations_for(adam, Role.ADMIN)) == [region]
    assert list(organisations_for(adam, Role.APPLICANT)) == []


def test_a_superuser_holds_no_role_in_an_organisation_without_a_membership(adam, unit_a,
                                                                           recommender_x):
    assert adam.is_superuser
    assert has_role(adam, Role.ADMIN)
    assert not has_role(adam, Role.APPLICANT, unit_a)
    assert not has_role(adam, Role.RECOMMENDER, recommender_x)
    assert not has_role(adam, Role.REVIEWER)


def test_the_per_request_memo_answers_as_guardian_does_and_in_two_queries(
        unit_a, unit_b, recommender_y, region, django_assert_num_queries):
    from django.contrib.auth.models import Group
    from guardian.shortcuts import assign_perm

    from orgs.selectors import MEMO_ATTR, RoleMemo, memberships_of

    u = UserFactory(username="memo")
    grant_membership(user=u, organisation=unit_a, role=Role.APPLICANT)
    grant_membership(user=u, organisation=recommender_y, role=Role.RECOMMENDER)
    group = Group.objects.create(name="甲组")  # a group's object permission counts, as in guardian
    group.user_set.add(u)
    assign_perm("orgs.declare_for", group, unit_b)
    orgs = (unit_a, unit_b, recommender_y, region)
    plain = {(role, org.pk): has_role(u, role, org) for role in Role.values for org in orgs}
    listed = {role: sorted(o.pk for o in organisations_for(u, role)) for role in Role.values}
    roles = {role: has_role(u, role) for role in Role.values}

    setattr(u, MEMO_ATTR, RoleMemo(u))
    with django_assert_num_queries(2):
        memoised = {(role, org.pk): has_role(u, role, org) for role in Role.values for org in orgs}
        assert {role: has_role(u, role) for role in Role.values} == roles
        assert len(memberships_of(u)) == 2
    assert memoised == plain
    assert {role: sorted(o.pk for o in organisations_for(u, role)) for role in Role.values} \
        == listed
    assert listed[Role.APPLICANT] == sorted([unit_a.pk, unit_b.pk])

    # a change within the request is seen at once
    grant_membership(user=u, organisation=region, role=Role.REVIEWER)
    assert has_role(u, Role.REVIEWER, region) and has_role(u, Role.REVIEWER)
    revoke_membership(membership=u.memberships.get(role=Role.RECOMMENDER))
    assert not has_role(u, Role.RECOMMENDER, recommender_y)


def test_each_request_reads_roles_afresh(client, unit_a):
    u = UserFactory(username="fresh")
    client.force_login(u)
    assert "进入申报" not in client.get("/").content.decode()  # no unit yet
    grant_membership(user=u, organisation=unit_a, role=Role.APPLICANT)
    assert "进入申报" in client.get("/").content.decode()


def test_a_city_bureaus_reviewer_is_not_called_the_regions(client, region, recommender_x):
    """鄂尔多斯市 runs its own call: its reviewers are the city's, not 自治区审核人员."""
    city = UserFactory(username="city_rev")
    grant_membership(user=city, organisation=recommender_x, role=Role.REVIEWER)
    client.force_login(city)
    html = client.get("/").content.decode()
    assert f"{recommender_x.label}（{recommender_x.label}审核人员）" in html
    assert f"{recommender_x.label}复审</a>" in html and "自治区审核人员" not in html
    assert "自治区复审" not in html

    regional = UserFactory(username="region_rev")
    grant_membership(user=regional, organisation=region, role=Role.REVIEWER)
    client.force_login(regional)
    html = client.get("/").content.decode()
    assert "（自治区审核人员）" in html and "自治区复审</a>" in html
