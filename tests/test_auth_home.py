import pytest
from django.utils import timezone

from declare.models import ApplicationStatus

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client):
    r = client.get("/")
    assert r.status_code == 302 and r["Location"] == "/login/?next=/"


def test_login_with_wrong_password_says_so_in_chinese(client, alice):
    r = client.post("/login/", {"username": "alice", "password": "wrong"})
    assert "用户名或密码不正确（连续失败5次将锁定账号30分钟）。" in r.content.decode()


def test_login_then_home(client, alice):
    r = client.post("/login/", {"username": "alice", "password": "Test@pass123"})
    assert r.status_code == 302 and r["Location"] == "/"


def test_account_is_locked_after_five_failures(client, alice):
    for _ in range(5):
        client.post("/login/", {"username": "alice", "password": "wrong"})
    r = client.post("/login/", {"username": "alice", "password": "Test@pass123"})
    assert r.status_code == 429
    assert "账号已锁定" in r.content.decode()


def test_applicant_home_tells_what_to_do_next(client, alice, unit_a, call):
    ApplicationFactory(call=call, unit=unit_a, status=ApplicationStatus.DRAFT)
    client.force_login(alice)
    d = timezone.localtime(call.deadline)
    year = f"{d.year}年" if d.year != timezone.localdate().year else ""   # 30 days may cross it
    assert f"贵单位有 1 份草稿未提交，截止 {year}{d.month}月{d.day}日" in \
        client.get("/").content.decode()


def test_recommender_home_counts_applications_waiting(client, rex, unit_a, unit_b, call):
    ApplicationFactory(call=call, unit=unit_a, status=ApplicationStatus.SUBMITTED)
    ApplicationFactory(call=call, unit=unit_b, status=ApplicationStatus.DRAFT)
    client.force_login(rex)
    assert "1 份申报待初评" in client.get("/").content.decode()


def test_user_without_membership_is_told_to_ask_the_admin(client, charlie):
    client.force_login(charlie)
    assert "您的账号尚未分配单位和角色" in client.get("/").content.decode()


def test_password_change_enforces_complexity_in_chinese(client, alice):
    client.force_login(alice)
    r = client.post("/password/", {"old_password": "Test@pass123",
                                   "new_password1": "abcdefghijkl", "new_password2": "abcdefghijkl"})
    assert "密码须包含大写字母、小写字母、数字、特殊符号中的至少三类。" in r.content.decode()


@pytest.mark.parametrize("debug", [False])
def test_unknown_url_gives_a_chinese_404(client, settings, alice, debug):
    settings.DEBUG = debug
    client.force_login(alice)
    r = client.get("/no-such-page/")
    assert r.status_code == 404
    assert "页面不存在" in r.content.decode()
