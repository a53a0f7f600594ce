"""账号信息: users keep their own notification e-mail; bad input is refused in Chinese and
changes nothing; the change is audited without writing the address into the log."""

import pytest
from django.contrib.auth import get_user_model

from audit.models import AuditAction, AuditLog

pytestmark = pytest.mark.django_db


def test_a_user_sets_changes_and_clears_the_notification_email(client, alice, unit_a):
    client.force_login(alice)
    page = client.get("/account/").content.decode()
    assert "alice" in page and unit_a.name in page and "申报单位用户" in page

    r = client.post("/account/", {"email": "tianbao@example.gov.cn"}, follow=True)
    assert "电子邮箱已保存。" in r.content.decode()
    assert get_user_model().objects.get(pk=alice.pk).email == "tianbao@example.gov.cn"
    entry = AuditLog.objects.filter(action=AuditAction.CHANGE, actor=alice).latest("id")
    assert "tianbao" not in str(entry.detail)

    r = client.post("/account/", {"email": "不是邮箱"})
    assert r.status_code == 200
    assert "请输入有效的电子邮箱地址" in r.content.decode()
    assert get_user_model().objects.get(pk=alice.pk).email == "tianbao@example.gov.cn"

    r = client.post("/account/", {"email": ""}, follow=True)
    assert "已清除电子邮箱" in r.content.decode()
    assert get_user_model().objects.get(pk=alice.pk).email == ""


def test_the_account_page_needs_a_login(client):
    r = client.get("/account/")
    assert r.status_code == 302 and r["Location"].startswith("/login/")
