"""X-Forwarded-For (issue 14 §4): the client address is the right-most one that no trusted proxy
wrote (TRUSTED_PROXY_COUNT), validated; a hostile header never gives a 500 nor loses the audit
row, and django-axes counts lock-outs against the same address as the audit log."""

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory
from django.urls import reverse

from audit.models import AuditAction, AuditLog
from audit.services import client_ip
from calls.choices import ProjectKind
from declare.models import ApplicationStatus
from declare.services.sections import save_section

from .quotas_support import submitted_application

pytestmark = pytest.mark.django_db

HOSTILE = ["x", "<script>", "1.2.3.4.5", "", " , ,", "\x00", "6.6.6.6, x", "999.1.1.1",
           "1.2.3.4:80", "::::", "fe80::1%eth0", "中" * 300, "1.2.3.4," * 500]
PEER = "10.0.0.9"


def _client(xff):
    return Client(HTTP_X_FORWARDED_FOR=xff, REMOTE_ADDR=PEER, raise_request_exception=False)


def _ips(action):
    return list(AuditLog.objects.filter(action=action).order_by("id").values_list("ip", flat=True))


@pytest.mark.parametrize(("trusted", "xff", "expected"), [
    (0, "6.6.6.6", PEER),                                 # no proxy trusted: the peer
    (1, "203.0.113.7", "203.0.113.7"),                    # one proxy: what it appended
    (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),           # a spoofed left-most value is ignored
    (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
    (2, "203.0.113.7", PEER),                             # fewer hops than proxies: the peer
    (1, "6.6.6.6, 2001:DB8::0:1", "2001:db8::1"),         # normalised
    (1, "6.6.6.6, x", PEER),                              # not an address: the peer
    (1, None, PEER),
])
def test_the_client_is_the_right_most_untrusted_valid_address(settings, trusted, xff, expected):
    settings.TRUSTED_PROXY_COUNT = trusted
    extra = {"HTTP_X_FORWARDED_FOR": xff} if xff is not None else {}
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR=PEER, **extra)) == expected


@pytest.mark.parametrize("trusted", [0, 1])
@pytest.mark.parametrize("xff", HOSTILE)
def test_a_hostile_header_on_a_wrong_password_still_writes_the_failed_login(alice, settings,
                                                                            trusted, xff):
    settings.TRUSTED_PROXY_COUNT = trusted
    response = _client(xff).post("/login/", {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert _ips(AuditAction.LOGIN_FAILED) == [PEER]


def test_eight_wrong_passwords_with_a_bad_header_leave_eight_rows_and_lock_by_the_same_ip(
        alice, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client = _client("<script>")
    codes = [client.post("/login/", {"username": "alice", "password": "wrong"}).status_code
             for _ in range(8)]
    assert codes == [200] * 4 + [429] * 4
    assert _ips(AuditAction.LOGIN_FAILED) == [PEER] * 8
    assert list(AccessAttempt.objects.values_list("username", "ip_address")) == [("alice", PEER)]


def test_a_spoofed_left_most_value_is_not_recorded_behind_one_proxy(alice, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    _client("6.6.6.6, 198.51.100.4").post("/login/", {"username": "alice", "password": "wrong"})
    assert _ips(AuditAction.LOGIN_FAILED) == ["198.51.100.4"]
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["198.51.100.4"]


@pytest.mark.parametrize("xff", HOSTILE)
def test_logout_with_a_hostile_header_logs_out_and_is_audited(alice, settings, xff):
    settings.TRUSTED_PROXY_COUNT = 1
    client = _client(xff)
    client.force_login(alice)
    response = client.post("/logout/")
    assert (response.status_code, response["Location"]) == (302, reverse("login"))
    assert _ips(AuditAction.LOGOUT) == [PEER]


@pytest.mark.parametrize("xff", HOSTILE)
def test_reading_personal_data_with_a_hostile_header_is_shown_and_audited(alice, call, unit_a,
                                                                          settings, xff):
    settings.TRUSTED_PROXY_COUNT = 1
    app = submitted_application(call=call, unit=unit_a, kind=ProjectKind.STUDIO,
                                status=ApplicationStatus.DRAFT, complete=False, created_by=alice)
    save_section(application=app, key="master", base_version=1, by=alice,
                 data={"name": "王师傅", "skill_level": "1", "id_number": "150102198001011236"})
    client = _client(xff)
    client.force_login(alice)
    response = client.get(reverse("declare:section", args=[app.pk, "master"]))
    assert response.status_code == 200
    assert "150102198001011236" in response.content.decode()
    assert _ips(AuditAction.VIEW_PII) == [PEER]
