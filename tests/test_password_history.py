"""Password history (issue 14 §7, 等保2.0): a new password may be neither the current one nor
one of the five before it; the sixth before it may come back. Refused at the field, in
Chinese, and the stored password stays as it was."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from orgs.models import PasswordHistory

pytestmark = pytest.mark.django_db

FIRST = "Test@pass123"
REUSED = "新密码不能与当前密码或最近5次使用过的密码相同。"


def _change(client, old, new):
    return client.post("/password/", {"old_password": old, "new_password1": new,
                                      "new_password2": new})


def _passwords(n):
    return [f"Neu@Passwort{2020 + i}" for i in range(n)]


def test_the_current_password_is_refused_as_the_new_one(client, alice):
    client.force_login(alice)
    response = _change(client, FIRST, FIRST)
    assert response.status_code == 200
    assert response.context["form"].errors == {"new_password2": [REUSED]}
    alice.refresh_from_db()
    assert alice.check_password(FIRST) and not PasswordHistory.objects.exists()


def test_the_last_five_are_refused_and_the_sixth_before_comes_back(client, alice):
    client.force_login(alice)
    chain = [FIRST, *_passwords(6)]
    for old, new in zip(chain, chain[1:], strict=False):
        assert _change(client, old, new).status_code == 302, new
    current = chain[-1]
    for reused in chain[-6:]:                       # the current one and the five before it
        response = _change(client, current, reused)
        assert response.context["form"].errors == {"new_password2": [REUSED]}, reused
    alice.refresh_from_db()
    assert alice.check_password(current)
    assert _change(client, current, chain[-7]).status_code == 302   # FIRST: six changes ago
    alice.refresh_from_db()
    assert alice.check_password(FIRST)
    assert PasswordHistory.objects.filter(user=alice).count() == 6


def test_every_way_of_setting_a_password_is_remembered(alice):
    alice.set_password("Admin@Gesetzt2026")   # the admin's 修改密码 form, seed_demo, createsuperuser
    alice.save()
    with pytest.raises(ValidationError) as refused:
        validate_password("Admin@Gesetzt2026", alice)
    assert refused.value.messages == [REUSED]
    alice.set_password("Admin@Gesetzt2026")   # the same password re-hashed: no second entry
    alice.save()
    assert PasswordHistory.objects.filter(user=alice).count() == 1


def test_the_help_text_of_the_password_page_names_the_rule(client, alice):
    client.force_login(alice)
    assert REUSED in client.get("/password/").content.decode()
