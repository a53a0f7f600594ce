"""What a restore refuses before it writes anything (issue 19 §2): a changed byte, an archive cut
short (even cleanly between two chunks), an archive without a file its manifest lists, another
key, a target that is not empty; and a backup that fails leaves no archive behind."""

import io
import os
import tarfile
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.fernet import Fernet
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from backups import crypto, retention, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(settings, tmp_path):
    """A backup of the migrated test database and two files, one of them big enough
    (1.5 MiB of noise) that the archive has more than one chunk."""
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    default_storage.save("materials/2025/a.pdf", ContentFile(b"%PDF-1.4 a"))
    default_storage.save("documents/renders/big.pdf", ContentFile(os.urandom(1536 * 1024)))
    return services.make_backup()


def _refusal(path) -> str:
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(path))
    return str(refused.value)


def test_a_changed_byte_is_refused_as_tampered(made):
    data = bytearray(made.path.read_bytes())
    data[len(data) // 3] ^= 0x01
    made.path.write_bytes(bytes(data))
    assert _refusal(made.path) == "备份文件已被篡改或损坏（第 1 段校验失败），拒绝恢复。"


def test_an_archive_cut_between_two_chunks_is_refused_as_truncated(made):
    first_chunk_ends = len(crypto.MAGIC) + 8 + 7 + 4 + crypto.CHUNK + crypto.TAG
    assert made.path.stat().st_size > first_chunk_ends
    with open(made.path, "r+b") as handle:
        handle.truncate(first_chunk_ends)
    assert _refusal(made.path) == "备份文件不完整（在第 2 段处被截断），拒绝恢复。"


def test_an_archive_without_a_file_of_its_manifest_is_refused_as_partial(made, settings):
    key = crypto.parse_key(settings.BACKUP_ENCRYPTION_KEY)
    with open(made.path, "rb") as raw:
        plain = crypto.DecryptingReader(raw, key).read()
    with open(made.path, "wb") as raw:
        writer = crypto.EncryptingWriter(raw, key)
        with tarfile.open(fileobj=io.BytesIO(plain)) as src, \
                tarfile.open(fileobj=writer, mode="w|") as dst:
            for member in src:
                if member.name != "files/materials/2025/a.pdf":
                    dst.addfile(member, src.extractfile(member))
        writer.close()
    assert _refusal(made.path) == ("备份不完整：清单列出的 1 项不在备份中（如 "
                                   "files/materials/2025/a.pdf），拒绝恢复。")


def test_another_key_is_refused_naming_both_fingerprints(made, settings):
    made_with = crypto.fingerprint(crypto.parse_key(settings.BACKUP_ENCRYPTION_KEY))
    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    now = crypto.fingerprint(crypto.parse_key(settings.BACKUP_ENCRYPTION_KEY))
    assert _refusal(made.path) == (f"备份使用的是另一把密钥（指纹 {made_with}，当前 "
                                   f"BACKUP_ENCRYPTION_KEY 的指纹 {now}），无法解密。")


def test_a_sound_archive_is_not_restored_over_a_database_that_has_tables(made):
    message = _refusal(made.path)
    assert message.startswith("目标数据库 test_") and "不是空库" in message
    assert "已有数据不会被覆盖" in message


def test_a_restore_as_a_superuser_is_refused(made, settings):
    """It would own the restored tables and the SECURITY DEFINER audit_prune(); the superuser
    skill is the one .ci/services makes for make bench."""
    settings.DATABASE_ROLES = {**settings.DATABASE_ROLES,
                               "owner": {"USER": "skill", "PASSWORD": "skill"}}
    assert _refusal(made.path) == ("请以数据库属主角色恢复（DATABASE_OWNER_URL），不要用超级用户 "
                                   "skill：恢复出的表和函数归恢复者所有。")


def test_a_backup_that_fails_leaves_no_archive_and_no_partial_file(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    settings.BACKUP_PG_BINDIR = str(tmp_path / "no-postgres-here")
    with pytest.raises(CommandError, match="找不到 pg_dump"):
        call_command("backup")
    assert list(settings.BACKUP_DIR.iterdir()) == []


def test_the_nightly_beat_entry_makes_a_backup_on_the_backups_queue(settings, tmp_path,
                                                                    celery_eager):
    from backups.tasks import make_backup

    entry = settings.CELERY_BEAT_SCHEDULE["backups-nightly"]
    assert (entry["task"], entry["options"], str(entry["schedule"])) == (
        "backups.make_backup", {"queue": "backups"}, "<crontab: 30 2 * * * (m/h/dM/MY/d)>")
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    path = make_backup.delay().get()
    assert [str(p) for p in settings.BACKUP_DIR.glob("*.skbk")] == [path]


def test_no_backup_without_its_own_key(settings, tmp_path):
    settings.BACKUP_DIR, settings.BACKUP_ENCRYPTION_KEY = tmp_path, ""
    with pytest.raises(CommandError, match="未设置 BACKUP_ENCRYPTION_KEY"):
        call_command("backup")


def test_retention_keeps_7_daily_4_weekly_and_12_monthly_backups(tmp_path):
    start = datetime(2025, 1, 1, 2, 30, tzinfo=UTC)
    for day in range(400):  # one a day until 2026-02-04, which has a second one an hour later
        for hour in (0, 1) if day == 399 else (0,):
            (tmp_path / retention.archive_name(start + timedelta(days=day, hours=hour))).touch()
    (tmp_path / "skill-20260205T000000Z.skbk.partial").touch()
    retention.prune(tmp_path, daily=7, weekly=4, monthly=12)
    kept = sorted(at.strftime("%Y-%m-%d %H") for at, _ in retention.archives(tmp_path))
    months = ["2025-03-31", "2025-04-30", "2025-05-31", "2025-06-30", "2025-07-31", "2025-08-31",
              "2025-09-30", "2025-10-31", "2025-11-30", "2025-12-31"]  # + 2026-01 and 02 below
    weeks = ["2026-01-18", "2026-01-25"]  # ISO weeks end on Sunday; 02-01 and 02-04 are days
    days = ["2026-01-29", "2026-01-30", "2026-01-31", "2026-02-01", "2026-02-02", "2026-02-03"]
    assert kept == [f"{d} 02" for d in months + weeks + days] + ["2026-02-04 03"]
    assert (tmp_path / "skill-20260205T000000Z.skbk.partial").exists()
