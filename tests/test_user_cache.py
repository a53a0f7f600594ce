"""The signed-in user's row kept between requests (orgs/usercache.py): no query for the user
once warm, and every change of the user — deactivated, password changed, renamed, deleted —
seen on the very next request; without Redis every request reads the database."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from orgs import usercache

pytestmark = pytest.mark.django_db
USER_TABLE = f'"{get_user_model()._meta.db_table}"'


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    for _ in range(2):
        assert client.get("/account/").status_code == 200
    return client


def _user_queries(client, url="/account/"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q["sql"] for q in queries.captured_queries if USER_TABLE in q["sql"]]


def test_warm_page_reads_no_user_row(alice):
    response, user_sql = _user_queries(_signed_in(alice))
    assert response.status_code == 200 and user_sql == []
    assert response.context["user"].pk == alice.pk


def test_deactivated_user_is_refused_next_request(alice):
    client = _signed_in(alice)
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    response = client.get("/account/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_password_changed_elsewhere_ends_the_session_next_request(alice):
    client = _signed_in(alice)
    alice.set_password("Another@2025pass")
    alice.save()
    response = client.get("/account/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_renamed_user_is_shown_renamed_next_request(alice):
    client = _signed_in(alice)
    alice.first_name, alice.last_name = "", "新名字"
    alice.save()
    response, user_sql = _user_queries(client)
    assert response.status_code == 200 and len(user_sql) == 1
    assert response.context["user"].last_name == "新名字"


def test_deleted_user_is_anonymous_next_request(alice):
    client = _signed_in(alice)
    get_user_model().objects.filter(pk=alice.pk).delete()
    assert client.get("/account/").status_code == 302


def test_each_request_gets_its_own_instance(alice):
    """Nothing a request sets on its user object is seen by the next."""
    client = _signed_in(alice)
    first = client.get("/account/").context["user"]
    first.last_name = "只在这个请求里"
    second = client.get("/account/").context["user"]
    assert second is not first and second.last_name == alice.last_name


def test_without_redis_the_user_is_read_from_the_database(alice, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    usercache.clear()
    client = _signed_in(alice)
    for _ in range(2):
        response, user_sql = _user_queries(client)
        assert response.status_code == 200 and len(user_sql) == 1
