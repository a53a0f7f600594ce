"""orgs.statecache: the middleware's AccountState check is read from the cache (no query on a
page view once cached), and every kind of write — queryset update, save, delete — is seen by
the very next request (issue 20 §4)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from orgs.models import AccountState

pytestmark = pytest.mark.django_db


def _login():
    c = Client()
    assert c.post("/login/", {"username": "alice", "password": "Test@pass123"}).status_code == 302
    return c


def _state_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/").status_code == 200
    return sum('"orgs_accountstate"' in q["sql"] for q in ctx.captured_queries)


def test_a_page_view_reads_the_account_state_once_then_from_the_cache(alice):
    c = _login()
    c.get("/")
    assert _state_queries(c) == 0


def test_a_queryset_update_ends_the_session_on_the_next_request(alice):
    c = _login()
    assert c.get("/").status_code == 200   # cached now
    AccountState.objects.filter(user=alice).update(session_key="reset")
    r = c.get("/", follow=True)
    assert "您的动态口令已被系统管理员重置" in r.content.decode()


def test_a_save_is_seen_on_the_next_request(alice):
    c = _login()
    assert c.get("/").status_code == 200
    state = AccountState.objects.get(user=alice)
    state.password_changed_at = timezone.now() - timedelta(days=91)
    state.save()
    r = c.get("/")
    assert r.status_code == 302 and r["Location"] == "/password/"


def test_a_deleted_state_is_seen_on_the_next_request(alice):
    c = _login()
    AccountState.objects.filter(user=alice).update(
        password_changed_at=timezone.now() - timedelta(days=91))
    assert c.get("/").status_code == 302
    AccountState.objects.filter(user=alice).delete()
    assert c.get("/").status_code == 200
