import pyotp
import pytest
from django.test import Client

from orgs.models import AccountState
from orgs.twofactor import secret_of

pytestmark = pytest.mark.django_db


def _enable(user) -> str:
    c = Client()
    c.force_login(user)
    assert c.post("/account/2fa/", {"action": "start"}).status_code == 302
    secret = secret_of(AccountState.objects.get(user=user))
    r = c.post("/account/2fa/", {"action": "enable", "code": pyotp.TOTP(secret).now()})
    assert r.status_code == 302
    return secret


def test_secret_is_not_stored_in_clear(rita):
    secret = _enable(rita)
    stored = AccountState.objects.get(user=rita).totp_secret
    assert secret not in stored and stored.startswith("enc1:")


def test_reviewer_with_second_factor_needs_the_code_to_log_in(rita):
    secret = _enable(rita)
    c = Client()
    r = c.post("/login/", {"username": "rita", "password": "Test@pass123"})
    assert r["Location"] == "/login/otp/"
    assert c.get("/").status_code == 302  # not logged in yet
    r = c.post("/login/otp/", {"code": "000000"})
    assert "动态口令不正确，请查看身份验证器中的6位数字。" in r.content.decode()
    r = c.post("/login/otp/", {"code": pyotp.TOTP(secret).now()})
    assert r.status_code == 302 and c.get("/").status_code == 200


def test_five_wrong_codes_end_the_attempt(rita):
    _enable(rita)
    c = Client()
    c.post("/login/", {"username": "rita", "password": "Test@pass123"})
    for _ in range(5):
        r = c.post("/login/otp/", {"code": "000000"})
    assert r["Location"] == "/login/"
    assert c.get("/login/otp/")["Location"] == "/login/"


def test_applicants_have_no_second_factor_page(client, alice):
    client.force_login(alice)
    assert client.get("/account/2fa/").status_code == 404


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
    r = c.post("/admin/login/?next=/admin/", {"username": "adam", "password": "Test@pass123",
                                              "next": "/admin/"})
    assert r.status_code == 302 and r["Location"] == "/login/?next=/admin/"
    assert c.get("/admin/")["Location"].startswith("/admin/login/")
    assert c.get("/").status_code == 302  # nobody is logged in
    r = c.post("/login/?next=/admin/", {"username": "adam", "password": "Test@pass123"})
    assert r["Location"] == "/login/otp/"
    r = c.post("/login/otp/", {"code": pyotp.TOTP(secret).now()})
    assert r["Location"] == "/admin/" and c.get("/admin/").status_code == 200


def test_the_admin_login_page_sends_to_the_one_login_and_refuses_foreign_next(client):
    r = client.get("/admin/login/?next=https://evil.example/")
    assert r["Location"] == "/login/?next=/admin/"


def test_switching_the_second_factor_off_needs_the_password_and_a_current_code(client, rita):
    """Issue 14 §2: a stolen session alone could switch it off."""
    secret = _enable(rita)
    client.force_login(rita)
    page = client.get("/account/2fa/").content.decode()
    assert "登录密码" in page and "关闭动态口令" in page
    for data, message in [({}, "这个字段是必填项"),
                          ({"off-password": "wrong-pass", "off-code": pyotp.TOTP(secret).now()},
                           "登录密码不正确。"),
                          ({"off-password": "Test@pass123", "off-code": "000000"},
                           "动态口令不正确")]:
        r = client.post("/account/2fa/", {"action": "disable", **data})
        assert r.status_code == 200 and message in r.content.decode(), message
        assert AccountState.objects.get(user=rita).totp_enabled
    r = client.post("/account/2fa/", {"action": "disable", "off-password": "Test@pass123",
                                      "off-code": pyotp.TOTP(secret).now()})
    assert r.status_code == 302
    assert not AccountState.objects.get(user=rita).totp_enabled
