"""The lock-out is no weapon (issue 14 §8): the per-account lock-out stays, an address failing
across accounts is refused first, and a locked user unlocks at once by a single-use mailed link
or by the second factor — each unlock audited, and only that username's lock-out reset."""

import re
import time

import pyotp
import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client

from audit.models import AuditAction, AuditLog, AuditResult
from orgs import twofactor
from orgs.models import AccountState
from orgs.unlock import INVALID, SPENT, WRONG_CODE

pytestmark = pytest.mark.django_db

PASSWORD = "Test@pass123"
SENT = "如该账号已被锁定并登记了电子邮箱，解锁链接已发送到该邮箱，30分钟内有效，只能使用一次。"
THROTTLED = "来自您所在网络地址的登录失败次数过多，已暂停受理登录和解锁，请15分钟后再试。"


def _lock(username, client=None):
    client = client or Client()
    for _ in range(5):
        response = client.post("/login/", {"username": username, "password": "wrong"})
    assert response.status_code == 429
    return response


def _locked(username) -> bool:
    return AccessAttempt.objects.filter(username=username, failures_since_start__gte=5).exists()


def _logs_in(username) -> bool:
    response = Client().post("/login/", {"username": username, "password": PASSWORD})
    return response.status_code == 302


def _unlocks():
    return list(AuditLog.objects.filter(action=AuditAction.UNLOCK).order_by("id")
                .values_list("actor_name", "result", "detail__method", "detail__step"))


@pytest.fixture
def mailed_rita(rita):
    rita.email = "rita@example.cn"
    rita.save(update_fields=["email"])
    return rita


def _mail_link(client, username) -> str:
    response = client.post("/orgs/unlock/email/", {"username": username})
    assert (response.status_code, SENT in response.content.decode()) == (200, True)
    [link] = re.findall(r"http://testserver(/orgs/unlock/email/\S+/)", mail.outbox[-1].body)
    return link


def test_the_locked_page_offers_both_ways_to_unlock(rita):
    page = _lock("rita").content.decode()
    assert "账号已锁定" in page and "通过邮件解锁" in page and "输入动态口令解锁" in page
    assert page.count('value="rita"') == 2          # the username is already filled in


def test_the_mailed_link_unlocks_once_and_each_step_is_audited(client, mailed_rita):
    _lock("rita")
    link = _mail_link(client, "rita")
    assert mail.outbox[0].to == ["rita@example.cn"]
    assert mail.outbox[0].subject == "【账号解锁】技能人才项目申报评审系统"
    assert "确认解锁" in client.get(link).content.decode() and _locked("rita")  # a GET only shows
    response = client.post(link, follow=True)
    assert "账号已解锁，请重新登录。" in response.content.decode()
    assert not _locked("rita") and _logs_in("rita")
    again = client.post(link)
    assert (again.status_code, SPENT in again.content.decode()) == (400, True)
    assert _unlocks() == [("rita", AuditResult.SUCCESS, "email", "link_sent"),
                          ("rita", AuditResult.SUCCESS, "email", None),
                          ("", AuditResult.FAILURE, "email", None)]
    refused = AuditLog.objects.filter(action=AuditAction.UNLOCK).latest("id")
    assert (refused.detail["reason"], refused.ip) == (SPENT, "127.0.0.1")


def test_an_expired_link_is_refused_in_chinese_and_changes_nothing(client, mailed_rita,
                                                                   monkeypatch):
    _lock("rita")
    issued = time.time() - 31 * 60
    with monkeypatch.context() as clock:
        clock.setattr(time, "time", lambda: issued)
        link = _mail_link(client, "rita")
    expired = "解锁链接已过期（有效期30分钟），请回到登录页重新申请。"
    for response in (client.get(link), client.post(link)):
        assert (response.status_code, expired in response.content.decode()) == (400, True)
    assert _locked("rita")


def test_a_tampered_link_is_refused(client, mailed_rita):
    _lock("rita")
    link = _mail_link(client, "rita")
    response = client.post(link.replace("/email/", "/email/x"))
    assert (response.status_code, INVALID in response.content.decode()) == (400, True)
    assert _locked("rita")


def test_the_page_says_the_same_whether_or_not_a_link_was_sent(client, mailed_rita, adam):
    for username in ("rita", "adam", "nobody"):         # not locked, no e-mail, no account
        response = client.post("/orgs/unlock/email/", {"username": username})
        assert SENT in response.content.decode()
    assert mail.outbox == []
    assert [row["detail"]["reason"] for row in AuditLog.objects.filter(
        action=AuditAction.UNLOCK).order_by("id").values("detail")] == [
        "not_locked", "no_email", "no_account"]


def test_a_locked_account_is_sent_at_most_three_links(client, mailed_rita):
    _lock("rita")
    for _ in range(5):
        client.post("/orgs/unlock/email/", {"username": "rita"})
    assert len(mail.outbox) == 3


def _with_second_factor(user) -> str:
    secret = twofactor.new_secret(user)
    AccountState.objects.filter(user=user).update(totp_enabled=True)
    return secret


def test_a_current_code_unlocks_and_a_wrong_one_is_refused_and_audited(client, rita):
    secret = _with_second_factor(rita)
    _lock("rita")
    response = client.post("/orgs/unlock/code/", {"username": "rita", "code": "000000"})
    assert response.context["form"].errors == {"code": [WRONG_CODE]}
    assert _locked("rita")
    response = client.post("/orgs/unlock/code/", {"username": "rita",
                                                  "code": pyotp.TOTP(secret).now()}, follow=True)
    assert "账号已解锁。请等身份验证器显示下一个动态口令后重新登录。" in response.content.decode()
    assert not _locked("rita")
    assert _unlocks() == [("rita", AuditResult.FAILURE, "totp", None),
                          ("rita", AuditResult.SUCCESS, "totp", None)]


def test_an_account_without_the_second_factor_cannot_unlock_by_code(client, adam):
    _lock("adam")
    response = client.post("/orgs/unlock/code/", {"username": "adam", "code": "123456"})
    assert response.context["form"].errors == {"code": [WRONG_CODE]}
    assert _locked("adam")


def test_unlocking_by_code_spends_an_outstanding_link(client, mailed_rita):
    secret = _with_second_factor(mailed_rita)
    _lock("rita")
    link = _mail_link(client, "rita")
    client.post("/orgs/unlock/code/", {"username": "rita", "code": pyotp.TOTP(secret).now()})
    response = client.post(link)
    assert (response.status_code, SPENT in response.content.decode()) == (400, True)


def test_an_unlock_resets_only_that_username(client, mailed_rita, adam):
    _lock("rita")
    _lock("adam")
    client.post(_mail_link(client, "rita"))
    assert (_locked("rita"), _locked("adam")) == (False, True)


def test_an_address_failing_across_accounts_is_refused_before_any_password(settings, rita, adam,
                                                                         alice):
    settings.LOGIN_IP_FAILURE_LIMIT = 6
    attacker = Client(REMOTE_ADDR="203.0.113.66")
    for username in ("rita", "adam", "alice") * 2:     # no account reaches its own lock-out
        assert attacker.post("/login/", {"username": username, "password": "x"}).status_code == 200
    refused = attacker.post("/login/", {"username": "rita", "password": PASSWORD})
    assert (refused.status_code, THROTTLED in refused.content.decode()) == (429, True)
    assert attacker.get("/").status_code == 302                  # not logged in
    for path, data in (("/orgs/unlock/code/", {"username": "rita", "code": "123456"}),
                       ("/orgs/unlock/email/", {"username": "rita"})):
        assert attacker.post(path, data).status_code == 429
    assert AccessAttempt.objects.get(username="rita").failures_since_start == 2  # not counted
    denied = AuditLog.objects.filter(result=AuditResult.DENIED, detail__reason="ip_throttled")
    assert list(denied.values_list("actor_name", "ip")) == [("rita", "203.0.113.66")] * 3
    assert _logs_in("rita")                                  # from another address: fine


def test_a_code_that_unlocked_once_does_not_unlock_again(client, rita):
    """The replay guard of orgs.twofactor holds for the unlock too: one code, one unlock."""
    secret = _with_second_factor(rita)
    code = pyotp.TOTP(secret).now()
    _lock("rita")
    client.post("/orgs/unlock/code/", {"username": "rita", "code": code})
    assert not _locked("rita")
    _lock("rita")
    response = client.post("/orgs/unlock/code/", {"username": "rita", "code": code})
    assert response.context["form"].errors == {"code": [WRONG_CODE]}
    assert _locked("rita")
