from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
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


def _age_session(client, seconds):
    """Pretend the session was last saved `seconds` ago."""
    key = client.cookies["sessionid"].value
    store = SessionStore(session_key=key)
    store[TOUCH_KEY] = int(timezone.now().timestamp()) - seconds
    store.save()
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() + timedelta(seconds=1800 - seconds))


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
    Session.objects.filter(session_key=c.cookies["sessionid"].value).update(
        expire_date=timezone.now() - timedelta(seconds=1))
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
