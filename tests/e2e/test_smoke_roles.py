import pytest

from .conftest import login

pytestmark = pytest.mark.e2e

ROLE_HOMES = [
    ("app_baotou1", "包头装备技师学院", "申报单位用户"),
    ("rec_baotou", "包头市", "推荐单位用户"),
    ("reviewer", "自治区人社厅", "自治区审核人员"),
    ("expert1", "自治区人社厅", "评审专家"),
    ("admin", "自治区人社厅", "系统管理员"),
]


@pytest.mark.parametrize(("username", "org", "role"), ROLE_HOMES)
def test_each_demo_role_logs_in_and_sees_its_home(page, demo, shot, username, org, role):
    login(page, username)
    card = page.locator(f"section.card[data-role='{role}']")
    assert card.count() >= 1
    assert org in card.first.locator("h2").inner_text()
    shot(page, f"home-{username}")


def test_wrong_password_is_refused_in_chinese(page, demo):
    login(page, "rec_baotou", "not-the-password")
    assert "用户名或密码不正确" in page.content()
