"""The identity/role floor (issue 20, docs/scaling-floor.md): a signed-in trivial page costs no
query once warm (the session through the cache, the user's row from orgs.usercache); the account
state and the roles come from the cache under versions
that every change bumps, so a revoked role, a locked account and a second login take effect on
the very next request."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from guardian.shortcuts import assign_perm, remove_perm

from orgs import selectors
from orgs.models import AccountState, Membership
from orgs.roles import ROLE_PERMISSION, Role
from orgs.services import grant_membership, revoke_membership

pytestmark = pytest.mark.django_db


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _warm(client, url="/account/"):
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200


def test_signed_in_page_floor_is_no_query(alice, django_assert_num_queries):
    """/account/ renders the base template (menu from the roles, notification badge unused):
    warm, nothing is read from the database."""
    client = _signed_in(alice)
    _warm(client)
    with django_assert_num_queries(0):
        assert client.get("/account/").status_code == 200


def test_role_revoked_takes_effect_next_request(alice):
    client = _signed_in(alice)
    _warm(client)
    assert client.get("/account/").context["my_roles"] == {Role.APPLICANT}  # now cached
    revoke_membership(membership=Membership.objects.get(user=alice, role=Role.APPLICANT))
    response = client.get("/account/")
    assert response.context["my_roles"] == set()
    assert list(response.context["my_memberships"]) == []


def test_role_granted_takes_effect_next_request(charlie, unit_b):
    client = _signed_in(charlie)
    _warm(client)
    assert client.get("/account/").context["my_roles"] == set()
    grant_membership(user=charlie, organisation=unit_b, role=Role.APPLICANT)
    assert client.get("/account/").context["my_roles"] == {Role.APPLICANT}


def test_group_permission_change_takes_effect_next_request(charlie, unit_b):
    """A role by a group's object permission: adding the user to the group, and taking the
    permission away from the group, each count at the next read of the roles."""
    group = Group.objects.create(name="floor-test")
    assign_perm(ROLE_PERMISSION[Role.APPLICANT], group, unit_b)
    assert not selectors.RoleMemo(charlie).org_ids(Role.APPLICANT)  # cached: none
    charlie.groups.add(group)
    assert unit_b.pk in selectors.RoleMemo(charlie).org_ids(Role.APPLICANT)
    remove_perm(ROLE_PERMISSION[Role.APPLICANT], group, unit_b)
    assert unit_b.pk not in selectors.RoleMemo(charlie).org_ids(Role.APPLICANT)


def test_organisation_change_takes_effect_next_request(alice, unit_a):
    client = _signed_in(alice)
    _warm(client)
    unit_a.name = "改名后的单位"
    unit_a.save()
    names = {m.organisation.name for m in client.get("/account/").context["my_memberships"]}
    assert "改名后的单位" in names


def test_totp_reset_ends_session_next_request(alice):
    """A queryset update of the account state (the administrator's reset) logs the session
    out on the next request, though the state was cached."""
    client = _signed_in(alice)
    _warm(client)
    AccountState.objects.filter(user=alice).update(session_key="reset")
    response = client.get("/account/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_second_login_ends_first_session_next_request(alice):
    """The second login (through the login receiver, which records its session key) ends the
    first session on its next request, though the first had the state cached."""
    from orgs.security import _one_session_per_account

    first = _signed_in(alice)
    _warm(first)
    second = _signed_in(alice)
    request = type("R", (), {"session": second.session})()
    _one_session_per_account(None, request, alice)
    assert second.get("/account/").status_code == 200
    response = first.get("/account/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_deactivated_user_is_logged_out_next_request(alice):
    client = _signed_in(alice)
    _warm(client)
    alice.is_active = False
    alice.save()
    assert client.get("/account/").status_code == 302


def test_roles_read_from_database_without_cache(alice, settings):
    """With no working cache (Redis down is a miss), the roles come from the database on every
    request, and are still right."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    client = _signed_in(alice)
    assert client.get("/account/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/account/")
    assert response.context["my_roles"] == {Role.APPLICANT}
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert '"orgs_membership"' in sql and '"orgs_accountstate"' in sql


def test_a_role_written_after_the_version_was_read_is_seen_in_the_same_request(charlie, unit_b):
    """orgs.usercache reads the roles version with the user's own when the request loads the
    user; a role granted later in that same request (before the first role check) is seen by
    it: rolecache.roles reads the version again after any role write in this process."""
    from orgs import rolecache, usercache

    user = usercache.cached_user(charlie.pk)
    assert user.roles_version[0]   # handed on with the user's version, one MGET
    assert rolecache.roles(user, selectors._read_roles)[0] == []   # now cached under it
    user = usercache.cached_user(charlie.pk)   # the next request: the same roles version
    grant_membership(user=charlie, organisation=unit_b, role=Role.APPLICANT)
    assert rolecache.roles(user, selectors._read_roles)[0]  # the new membership


def test_each_request_gets_its_own_memberships(alice):
    """The roles entry is kept in the process (orgs.rolecache._entries) under its versioned key,
    pickled: two requests' memberships are equal rows but not the same objects."""
    from orgs import rolecache, usercache

    first = rolecache.roles(usercache.cached_user(alice.pk), selectors._read_roles)[0]
    first[0].role = "changed by one request"
    second = rolecache.roles(usercache.cached_user(alice.pk), selectors._read_roles)[0]
    assert [m.pk for m in second] == [m.pk for m in first]
    assert second[0] is not first[0] and second[0].role == Role.APPLICANT


def test_a_warm_signed_in_page_makes_two_redis_round_trips(alice, monkeypatch):
    """The session, then one MGET of the user's version, the roles version and the unread count:
    the roles entry comes from the process, the badge from that MGET (issue 20 floor)."""
    import redis

    client = _signed_in(alice)
    _warm(client, "/")
    sent = []
    real = redis.Redis.execute_command

    def counted(self, *args, **kwargs):
        sent.append(args[0])
        return real(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "execute_command", counted)
    response = client.get("/")
    assert response.status_code == 200 and "消息通知" in response.content.decode()
    assert sent == ["GET", "MGET"]
