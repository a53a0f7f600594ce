"""Files stored before issue 14 §5 (plain ID-card scans, renderings, 备案 zips) are sealed in
place by the data migrations — one format on disk, a second run rewrites nothing, going back
decrypts them — and `rotate_pii` re-seals sealed files under a new key."""

import hashlib
import importlib
from io import StringIO
from pathlib import Path

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import call_command

from core import pii
from declare.models import Material
from documents.models import RenderJob, RenderKind, RenderStatus
from review.models import Filing

from .factories import ApplicationFactory
from .test_uploads_samples import image_bytes, pdf_bytes

pytestmark = pytest.mark.django_db

SCAN, FORM, ZIP = image_bytes("PNG"), pdf_bytes(2), b"PK\x03\x04 a 2025 filing"
MIGRATIONS = ("declare.migrations.0003_seal_personal_materials",
              "documents.migrations.0005_seal_renders",
              "review.migrations.0004_seal_filing_archives")


def _material(app, item, data) -> Material:
    m = Material(application=app, item=item, title=f"{item}.bin", content_type="image/png",
                 size=len(data), sha256=hashlib.sha256(data).hexdigest())
    m.file.save(f"{item}.png", ContentFile(data), save=True)
    return m


@pytest.fixture
def plain_files(call, unit_a):
    """Files as they were written before sealing: everything in plain."""
    app = ApplicationFactory(call=call, unit=unit_a, kind="studio", tier="")
    job = RenderJob(kind=RenderKind.FORM, application=app, content_hash="cd" * 32,
                    status=RenderStatus.DONE, size=len(FORM))
    job.file.save("form.pdf", ContentFile(FORM), save=True)
    filing = Filing(call=call)
    filing.archive.save("filing.zip", ContentFile(ZIP), save=True)
    return {"scan": (_material(app, "id_card", SCAN).file, SCAN),
            "certificate": (_material(app, "certificate", SCAN).file, SCAN),
            "render": (job.file, FORM), "filing": (filing.archive, ZIP),
            "evidence": (_material(app, "evidence", SCAN).file, SCAN)}


def _migrate(direction: str) -> None:
    for module in MIGRATIONS:
        operation = importlib.import_module(module).Migration.operations[0]
        getattr(operation, direction)(apps, None)


def _disk(files) -> dict[str, bytes]:
    return {key: Path(f.path).read_bytes() for key, (f, _plain) in files.items()}


def test_the_migrations_seal_old_personal_files_once_and_unseal_them_going_back(plain_files):
    _migrate("code")
    sealed = _disk(plain_files)
    personal = ("scan", "certificate", "render", "filing")
    assert all(sealed[k].startswith(b"enc1:") for k in personal)
    assert {k: pii.decrypt_bytes(sealed[k]) for k in personal} == {
        k: plain_files[k][1] for k in personal}
    assert sealed["evidence"] == SCAN  # not a personal item: left as uploaded

    _migrate("code")  # again: nothing rewritten
    assert _disk(plain_files) == sealed

    _migrate("reverse_code")
    assert _disk(plain_files) == {k: plain for k, (_f, plain) in plain_files.items()}


def test_rotation_reseals_files_under_the_new_key_and_a_second_run_changes_nothing(
        plain_files, settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEY, settings.FIELD_ENCRYPTION_KEYS_OLD = old, []
    _migrate("code")
    settings.FIELD_ENCRYPTION_KEY, settings.FIELD_ENCRYPTION_KEYS_OLD = new, [old]
    out = StringIO()
    call_command("rotate_pii", stdout=out)
    assert out.getvalue().endswith("已重新加密 4 个加密保存的文件。\n")

    settings.FIELD_ENCRYPTION_KEYS_OLD = []  # the old key dropped: every file still reads
    rotated = _disk(plain_files)
    assert pii.decrypt_bytes(rotated["render"]) == FORM
    assert pii.decrypt_bytes(rotated["scan"]) == SCAN
    with pytest.raises(InvalidToken):
        Fernet(old).decrypt(rotated["filing"][len(pii.BYTES_PREFIX):])

    out = StringIO()
    call_command("rotate_pii", stdout=out)
    assert out.getvalue().endswith("已重新加密 0 个加密保存的文件。\n")
    assert _disk(plain_files) == rotated
