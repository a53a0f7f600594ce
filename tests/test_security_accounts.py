from datetime import timedelta
from importlib import import_module

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.db import DatabaseError, transaction
from django.test import Client
from django.utils import timezone

from audit.models import AuditLog
from orgs.models import AccountState
from orgs.security import ABSOLUTE_KEY, TOUCH_KEY

pytestmark = pytest.mark.django_db


def _login(username="alice"):
    c = Client()
    r = c.post("/login/", {"username": username, "password": "Test@pass123"})
    assert r.status_code == 302
    return c


def test_a_new_login_ends_the_accounts_other_session(alice):
    first = _login()
    second = _login()
    assert second.get("/").status_code == 200
    r = first.get("/", follow=True)
    assert "您的账号已在其他地方登录，当前会话已结束。" in r.content.decode()
    assert r.redirect_chain[-1][0].startswith("/login/")
    assert second.get("/").status_code == 200


def test_session_ends_after_the_absolute_lifetime(alice, settings):
    c = _login()
    s = c.session
    s[ABSOLUTE_KEY] = (timezone.now() - timedelta(seconds=settings.SESSION_ABSOLUTE_SECONDS + 5)
                       ).timestamp()
    s.save()
    r = c.get("/", follow=True)
    assert "登录时间已超过上限，请重新登录。" in r.content.decode()
    assert r.redirect_chain[-1][0].startswith("/login/")


def _expiry(client):
    return Session.objects.get(session_key=client.cookies["sessionid"].value).expire_date


def _store(client):
    engine = import_module(django_settings.SESSION_ENGINE)
    return engine.SessionStore(session_key=client.cookies["sessionid"].value)


def _set_expiry(client, expire_date):
    """Move the stored expiry; the cached copy is dropped so the next request reads the row."""
    store = _store(client)
    Session.objects.filter(session_key=store.session_key).update(expire_date=expire_date)
    caches[django_settings.SESSION_CACHE_ALIAS].delete(store.cache_key)


def _age_session(client, seconds):
    """Pretend the session was last saved `seconds` ago."""
    store = _store(client)
    store[TOUCH_KEY] = int(timezone.now().timestamp()) - seconds
    store.save()
    _set_expiry(client, timezone.now() + timedelta(seconds=1800 - seconds))


def test_idle_timeout_is_thirty_minutes_and_activity_renews_it_once_a_minute(alice, settings):
    assert settings.SESSION_COOKIE_AGE == 1800 and settings.SESSION_TOUCH_SECONDS == 60
    c = _login()
    assert c.get("/").status_code == 200
    saved = _expiry(c)
    assert abs((saved - timezone.now()).total_seconds() - 1800) < 5
    # within the minute: the page view writes nothing
    assert c.get("/").status_code == 200 and _expiry(c) == saved
    # 10 minutes idle, then a request: the 30 minutes start again
    _age_session(c, 600)
    assert c.get("/").status_code == 200
    assert abs((_expiry(c) - timezone.now()).total_seconds() - 1800) < 5
    # idle past the time-out: the session is gone, the user signs in again
    _set_expiry(c, timezone.now() - timedelta(seconds=1))
    r = c.get("/")
    assert r.status_code == 302 and r["Location"].startswith("/login/")


def test_expired_password_must_be_changed_first(alice):
    c = _login()
    AccountState.objects.filter(user=alice).update(
        password_changed_at=timezone.now() - timedelta(days=91))
    r = c.get("/")
    assert r.status_code == 302 and r["Location"] == "/password/"
    r = c.post("/password/", {"old_password": "Test@pass123", "new_password1": "Neu@Passwort2026",
                              "new_password2": "Neu@Passwort2026"})
    assert r.status_code == 302
    assert c.get("/").status_code == 200


def test_logins_failures_and_permission_grants_are_audited(alice, client):
    client.post("/login/", {"username": "alice", "password": "wrong"})
    _login()
    actions = list(AuditLog.objects.order_by("id").values_list("action", "actor_name", "result"))
    assert actions == [("permission_granted", "", "success"),
                       ("login_failed", "alice", "failure"),
                       ("login", "alice", "success")]
    assert AuditLog.objects.get(action="login").ip == "127.0.0.1"


def test_audit_log_cannot_be_updated_or_deleted_even_in_sql(alice):
    """The app's database role has no UPDATE or DELETE on it (tests/test_audit_tamper.py has
    the other ways round, and the trigger that refuses even the owner)."""
    entry = AuditLog.objects.first()
    with pytest.raises(PermissionError):
        entry.save()
    denied = "permission denied for table audit_auditlog"
    with pytest.raises(DatabaseError, match=denied), transaction.atomic():
        AuditLog.objects.filter(pk=entry.pk).update(actor_name="someone else")
    with pytest.raises(DatabaseError, match=denied), transaction.atomic():
        AuditLog.objects.filter(pk=entry.pk).delete()


def test_audit_retention_is_at_least_six_months():
    with pytest.raises(CommandError, match="审计日志至少保留183天（6个月）。"):
        call_command("prune_audit", "--older-than-days", "30")
    call_command("prune_audit", "--older-than-days", "200")


def test_admin_can_search_the_audit_log(client, adam, alice):
    client.force_login(adam)
    body = client.get("/admin/audit/auditlog/", {"q": "alice"}).content.decode()
    assert "授予权限" in body


def test_a_logged_out_session_left_in_the_cache_is_refused(alice):
    """Sessions are read through the cache: if the logout could not delete the cached copy
    (Redis unreachable for a moment, then back), that copy still signs nobody in."""
    c = _login()
    assert c.get("/").status_code == 200
    store = _store(c)
    cached = caches[django_settings.SESSION_CACHE_ALIAS].get(store.cache_key)
    assert cached is not None
    assert c.post("/logout/").status_code in (200, 302)
    assert not Session.objects.filter(session_key=store.session_key).exists()
    # the copy the logout failed to delete comes back
    caches[django_settings.SESSION_CACHE_ALIAS].set(store.cache_key, cached, 600)
    c.cookies["sessionid"] = store.session_key
    r = c.get("/", follow=True)
    assert "您已退出登录，请重新登录。" in r.content.decode()
    assert r.redirect_chain[-1][0].startswith("/login/")
    # a new login is not affected
    assert _login().get("/").status_code == 200
