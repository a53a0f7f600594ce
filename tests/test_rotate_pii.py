"""`manage.py rotate_pii` (issue 6 §2): after rotation every stored personal value — section
data and its history, expert mobiles, second-factor secrets — reads with the new key alone;
a second run changes nothing; a value no key can read is reported and left untouched."""

from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command

from core import pii
from declare.models import Section
from declare.services.sections import section_data
from documents.samples import fill_application, id_number
from orgs import twofactor
from orgs.models import AccountState
from review.models import Expert

from .factories import ApplicationFactory, ExpertFactory, occupation

pytestmark = pytest.mark.django_db
OLD, NEW, STRANGER = (Fernet.generate_key().decode() for _ in range(3))
NO_FILES = "已重新加密 0 个加密保存的文件。\n"


def stored_values() -> list[str]:
    """Every encrypted value as stored, wherever it is."""
    out = []

    def walk(data):
        if pii.is_encrypted(data):
            out.append(data)
        elif isinstance(data, dict):
            [walk(v) for v in data.values()]
        elif isinstance(data, list):
            [walk(v) for v in data]

    for data in [*Section.objects.values_list("data", flat=True),
                 *Section.history.values_list("data", flat=True)]:
        walk(data)
    out += Expert.objects.values_list("mobile_encrypted", flat=True)
    out += AccountState.objects.values_list("totp_secret", flat=True)
    return out


def readable_with(key: str, value: str) -> bool:
    try:
        Fernet(key).decrypt(value[len(pii.PREFIX):].encode())
    except Exception:
        return False
    return True


@pytest.fixture
def written_under_old_key(settings, call, unit_a, alice, rita):
    settings.FIELD_ENCRYPTION_KEY, settings.FIELD_ENCRYPTION_KEYS_OLD = OLD, []
    app = ApplicationFactory(call=call, unit=unit_a, created_by=alice, kind="studio", tier="")
    fill_application(app, occupations=[occupation("6-18-02-04")])
    section = Section.objects.get(application=app, key="master")
    section.save()  # a second history row of the same data
    expert = ExpertFactory(mobile_encrypted=pii.encrypt("13800001111"))
    secret = twofactor.new_secret(rita)
    settings.FIELD_ENCRYPTION_KEY, settings.FIELD_ENCRYPTION_KEYS_OLD = NEW, [OLD]
    return app, expert, secret


def rotate() -> str:
    out = StringIO()
    call_command("rotate_pii", stdout=out)
    return out.getvalue()


def test_rotation_leaves_every_value_readable_with_the_new_key_alone(
        written_under_old_key, settings, rita):
    app, expert, secret = written_under_old_key
    before = stored_values()
    assert len(before) >= 6 and all(readable_with(OLD, v) for v in before)

    assert rotate() == f"已重新加密 {len(before)} 个值；0 个值已使用当前密钥。\n" + NO_FILES
    after = stored_values()
    assert len(after) == len(before)
    assert all(readable_with(NEW, v) and not readable_with(OLD, v) for v in after)

    settings.FIELD_ENCRYPTION_KEYS_OLD = []  # the old key dropped
    assert section_data(app)["master"]["id_number"] == id_number()
    assert pii.decrypt(Expert.objects.get(pk=expert.pk).mobile_encrypted) == "13800001111"
    assert twofactor.secret_of(AccountState.objects.get(user=rita)) == secret


def test_a_second_run_changes_nothing(written_under_old_key):
    rotate()
    once = stored_values()
    assert rotate() == f"已重新加密 0 个值；{len(once)} 个值已使用当前密钥。\n" + NO_FILES
    assert stored_values() == once


def test_a_value_no_key_can_read_is_reported_and_left_alone(written_under_old_key, settings):
    settings.FIELD_ENCRYPTION_KEY, settings.FIELD_ENCRYPTION_KEYS_OLD = STRANGER, []
    foreign = ExpertFactory(mobile_encrypted=pii.encrypt("13900002222"))
    settings.FIELD_ENCRYPTION_KEY, settings.FIELD_ENCRYPTION_KEYS_OLD = NEW, [OLD]
    with pytest.raises(CommandError, match=r"^1 个值无法用已配置的任何密钥解密，未作改动：review\.Expert"
                                           rf"\.mobile_encrypted #{foreign.pk}。"):
        call_command("rotate_pii", stdout=StringIO())
    assert Expert.objects.get(pk=foreign.pk).mobile_encrypted == foreign.mobile_encrypted
    assert all(readable_with(NEW, v) for v in stored_values() if v != foreign.mobile_encrypted)
