"""The second factor (issue 14 §1–2): the one two-step login (admin site included), a code good
once, wrong codes counted per account across logins, mandatory for reviewers and administrators
with recovery codes, switch-off and reset guarded, and step-up before sensitive actions."""

import time
from datetime import timedelta

import pyotp
import pytest
from django.test import Client
from django.utils import timezone

from audit.models import AuditLog
from orgs.models import AccountState, RecoveryCode
from orgs.stepup import VERIFIED_KEY
from orgs.twofactor import STEP, secret_of

pytestmark = pytest.mark.django_db
PASSWORD = "Test@pass123"  # noqa: S105 - the factories' test password


def next_code(user, secret) -> str:
    """A code the account has not used yet: a later step within the ±1 window, else the next
    step's code once it comes."""
    last = AccountState.objects.get(user=user).totp_last_step
    while True:
        now = int(time.time() // STEP)
        for step in (now, now + 1):
            if last is None or step > last:
                return pyotp.TOTP(secret).at(step * STEP)
        time.sleep(STEP - time.time() % STEP + 0.1)


def _enable(user) -> str:
    c = Client()
    c.force_login(user)
    assert c.post("/account/2fa/", {"action": "start"}).status_code == 302
    secret = secret_of(AccountState.objects.get(user=user))
    r = c.post("/account/2fa/", {"action": "enable", "code": pyotp.TOTP(secret).now()})
    assert r.status_code == 302
    return secret


def _password_step(c, username, nxt=""):
    return c.post(f"/login/{nxt}", {"username": username, "password": PASSWORD})


def test_secret_is_not_stored_in_clear(rita):
    secret = _enable(rita)
    stored = AccountState.objects.get(user=rita).totp_secret
    assert secret not in stored and stored.startswith("enc1:")


def test_reviewer_with_second_factor_needs_the_code_to_log_in(rita):
    secret = _enable(rita)
    c = Client()
    r = _password_step(c, "rita")
    assert r["Location"] == "/login/otp/"
    assert c.get("/").status_code == 302  # not logged in yet
    r = c.post("/login/otp/", {"code": "000000"})
    assert "动态口令不正确，请查看身份验证器中的6位数字。" in r.content.decode()
    r = c.post("/login/otp/", {"code": next_code(rita, secret)})
    assert r.status_code == 302 and c.get("/").status_code == 200


def test_a_code_is_good_once(rita):
    """Issue 14 §2: the same code logged in twice within its window."""
    secret = _enable(rita)
    code = next_code(rita, secret)
    first, second = Client(), Client()
    _password_step(first, "rita")
    assert first.post("/login/otp/", {"code": code}).status_code == 302
    _password_step(second, "rita")
    r = second.post("/login/otp/", {"code": code})
    assert r.status_code == 200 and "该动态口令已使用过" in r.content.decode()
    assert second.get("/").status_code == 302


def test_wrong_codes_count_across_logins_and_lock_the_account(rita, settings):
    """Issue 14 §2: 5 tries per password login, so guessing was unlimited."""
    secret = _enable(rita)
    tries = 0
    for _ in range(3):  # three password logins, two wrong codes each: the fifth locks
        c = Client()
        _password_step(c, "rita")
        for _ in range(2):
            r = c.post("/login/otp/", {"code": "000000"})
            tries += 1
            if tries == settings.AXES_FAILURE_LIMIT:
                assert r["Location"] == "/login/"
                break
    state = AccountState.objects.get(user=rita)
    assert state.totp_locked_until > timezone.now() + timedelta(minutes=29)
    c = Client()
    _password_step(c, "rita")
    r = c.post("/login/otp/", {"code": next_code(rita, secret)}, follow=True)
    assert "动态口令连续错误次数过多" in r.content.decode()
    assert c.get("/").status_code == 302
    assert AuditLog.objects.filter(action="login_failed", detail__reason="locked").exists()
    AccountState.objects.filter(user=rita).update(
        totp_locked_until=timezone.now() - timedelta(seconds=1))  # the 30 minutes have passed
    _password_step(c, "rita")
    assert c.post("/login/otp/", {"code": next_code(rita, secret)}).status_code == 302
    assert AccountState.objects.get(user=rita).totp_failures == 0


def test_five_wrong_codes_end_the_attempt(rita):
    _enable(rita)
    c = Client()
    _password_step(c, "rita")
    for _ in range(5):
        r = c.post("/login/otp/", {"code": "000000"})
    assert r["Location"] == "/login/"
    assert c.get("/login/otp/")["Location"] == "/login/"


def test_a_reviewer_without_a_second_factor_must_enrol_before_anything_else(rita):
    """Issue 14 §2: mandatory for reviewer and admin roles, enrolment forced at first login."""
    c = Client()
    assert _password_step(c, "rita")["Location"] == "/"
    r = c.get("/", follow=True)
    assert r.redirect_chain[-1][0] == "/account/2fa/"
    assert "审核人员和系统管理员须启用动态口令" in r.content.decode()
    assert c.get("/review/experts/")["Location"] == "/account/2fa/"
    c.post("/account/2fa/", {"action": "start"})
    secret = secret_of(AccountState.objects.get(user=rita))
    r = c.post("/account/2fa/", {"action": "enable", "code": pyotp.TOTP(secret).now()},
               follow=True)
    page = r.content.decode()
    assert "恢复码（只显示这一次）" in page
    codes = [line.split("<code>")[1].split("</code>")[0]
             for line in page.split("<li>") if "<code>" in line and "-" in line]
    assert len(codes) == 10 and RecoveryCode.objects.filter(user=rita).count() == 10
    assert all(c_ not in "".join(RecoveryCode.objects.values_list("code_hash", flat=True))
               for c_ in codes)  # stored hashed
    assert "恢复码（只显示这一次）" not in c.get("/account/2fa/").content.decode()
    assert c.get("/").status_code == 200


def test_applicants_are_not_asked_and_have_no_second_factor_page(client, alice):
    c = Client()
    assert _password_step(c, "alice")["Location"] == "/"
    assert c.get("/").status_code == 200
    assert c.get("/account/2fa/").status_code == 404


def test_a_recovery_code_logs_in_once(rita):
    _enable(rita)
    c = Client()
    c.force_login(rita)
    page = c.get("/account/2fa/").content.decode()
    assert "剩余可用恢复码：10 个" in page
    from orgs.twofactor import new_recovery_codes

    codes = new_recovery_codes(rita)
    first = Client()
    _password_step(first, "rita")
    assert first.post("/login/otp/", {"code": codes[0].upper()}).status_code == 302
    again = Client()
    _password_step(again, "rita")
    r = again.post("/login/otp/", {"code": codes[0]})
    assert r.status_code == 200 and again.get("/").status_code == 302
    assert AuditLog.objects.filter(action="login", detail__step="recovery_code").count() == 1


def test_wrong_code_does_not_enable(client, adam):
    client.force_login(adam)
    client.post("/account/2fa/", {"action": "start"})
    r = client.post("/account/2fa/", {"action": "enable", "code": "12345"})
    assert "动态口令不正确" in r.content.decode()
    assert not AccountState.objects.get(user=adam).totp_enabled


def test_the_admin_login_cannot_skip_the_second_factor(adam):
    """Issue 14 §1: posting the password to /admin/login/ gave a full session without the code."""
    secret = _enable(adam)
    c = Client()
    r = c.post("/admin/login/?next=/admin/", {"username": "adam", "password": PASSWORD,
                                              "next": "/admin/"})
    assert r.status_code == 302 and r["Location"] == "/login/?next=/admin/"
    assert c.get("/admin/")["Location"].startswith("/admin/login/")
    assert c.get("/").status_code == 302  # nobody is logged in
    r = _password_step(c, "adam", "?next=/admin/")
    assert r["Location"] == "/login/otp/"
    r = c.post("/login/otp/", {"code": next_code(adam, secret)})
    assert r["Location"] == "/admin/" and c.get("/admin/").status_code == 200


def test_the_admin_login_page_sends_to_the_one_login_and_refuses_foreign_next(client):
    r = client.get("/admin/login/?next=https://evil.example/")
    assert r["Location"] == "/login/?next=/admin/"


def test_rebinding_needs_the_password_and_a_current_code(client, rita):
    """Issue 14 §2: a stolen session alone could switch it off. For a reviewer, whose factor is
    mandatory, switching off is rebinding: the next page binds a new one."""
    secret = _enable(rita)
    client.force_login(rita)
    page = client.get("/account/2fa/").content.decode()
    assert "登录密码" in page and "解除绑定并重新绑定" in page
    for data, message in [({}, "这个字段是必填项"),
                          ({"off-password": "wrong-pass", "off-code": next_code(rita, secret)},
                           "登录密码不正确。"),
                          ({"off-password": PASSWORD, "off-code": "000000"}, "动态口令不正确")]:
        r = client.post("/account/2fa/", {"action": "disable", **data})
        assert r.status_code == 200 and message in r.content.decode(), message
        assert AccountState.objects.get(user=rita).totp_enabled
    r = client.post("/account/2fa/", {"action": "disable", "off-password": PASSWORD,
                                      "off-code": next_code(rita, secret)})
    assert r.status_code == 302
    assert not AccountState.objects.get(user=rita).totp_enabled
    assert not RecoveryCode.objects.filter(user=rita).exists()
    assert client.get("/")["Location"] == "/account/2fa/"  # bind the new one first


def test_an_enrolled_session_without_a_code_is_asked_for_one(rita):
    """A session that has not given a code (one from before enrolment became mandatory)."""
    secret = _enable(rita)
    c = Client()
    c.force_login(rita)
    session = c.session
    del session[VERIFIED_KEY]
    session.save()
    r = c.get("/review/experts/")
    assert r["Location"] == "/account/confirm/?next=%2Freview%2Fexperts%2F"
    r = c.post(r["Location"], {"code": next_code(rita, secret)})
    assert r["Location"] == "/review/experts/"
    assert c.get("/review/experts/").status_code == 200


def test_sensitive_actions_ask_for_a_fresh_code(rita, call):
    """Issue 14 §2: step-up (≤ 15 min) before a decision, 公示, 备案, exports, expert edits."""
    secret = _enable(rita)
    c = Client()
    c.force_login(rita)
    session = c.session
    session[VERIFIED_KEY] = time.time() - 16 * 60
    session.save()
    for url in (f"/review/calls/{call.pk}/decision/base/", f"/review/calls/{call.pk}/notice/",
                "/review/experts/new/"):
        r = c.get(url)
        assert r.status_code == 302 and r["Location"].startswith("/account/confirm/"), url
    r = c.post(f"/review/calls/{call.pk}/filing/", HTTP_REFERER=f"http://testserver/review/calls/{call.pk}/filing/")
    assert r["Location"].startswith("/account/confirm/?next=http")
    r = c.post("/account/confirm/?next=/review/experts/new/", {"code": "000000"})
    assert "动态口令不正确" in r.content.decode()
    r = c.post("/account/confirm/?next=/review/experts/new/", {"code": next_code(rita, secret)})
    assert r["Location"] == "/review/experts/new/"
    assert c.get("/review/experts/new/").status_code == 200
    assert AuditLog.objects.filter(action="login", detail__step="step_up").exists()


def test_an_administrator_resets_a_lost_second_factor_audited(adam, rita):
    _enable(rita)
    holder = Client()
    holder.force_login(rita)
    admin = Client()
    admin.force_login(adam)
    state = AccountState.objects.get(user=rita)
    r = admin.post("/admin/orgs/accountstate/", {"action": "reset_second_factor",
                                                 "_selected_action": [state.pk]})
    assert r.status_code == 302
    state.refresh_from_db()
    assert not state.totp_enabled and not state.totp_secret
    row = AuditLog.objects.get(action="permission_revoked", detail__reset_of="rita")
    assert row.actor == adam
    r = holder.get("/", follow=True)  # the holder's session has ended
    assert "动态口令已被系统管理员重置" in r.content.decode()
