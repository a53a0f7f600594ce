"""Backup and restore (issue 19 §1–§2, 等保2.0 数据备份与恢复): one encrypted archive holds the
database (pg_dump -Fc), every private file (through the storage API) and a manifest; a restore
checks the archive against its manifest before it writes anything, and the restored database
and files against the manifest after."""

import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from django.conf import settings
from django.core.files.storage import default_storage

from audit.models import AuditAction
from audit.services import record
from core.errors import DomainError

from . import archive, crypto, database, retention, storage, versions


def _key() -> bytes:
    if not settings.BACKUP_ENCRYPTION_KEY:
        raise DomainError("未设置 BACKUP_ENCRYPTION_KEY：备份必须加密，请在环境中配置备份密钥"
                          "（不同于 FIELD_ENCRYPTION_KEY，另行保管）。")
    return crypto.parse_key(settings.BACKUP_ENCRYPTION_KEY)


def _files():
    for name in storage.names():
        yield name, default_storage.open(name, "rb"), default_storage.size(name)


@dataclass
class Made:
    path: Path
    manifest: dict
    copied_to: Path | None
    pruned: list


def make_backup(*, directory: Path | None = None, now: datetime | None = None) -> Made:
    """Writes one archive into `directory` (BACKUP_DIR), copies it to BACKUP_COPY_DIR when set,
    and applies retention in both."""
    key, params = _key(), database.owner_params()
    directory = Path(directory or settings.BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    now = now or datetime.now(UTC)
    path = directory / retention.archive_name(now)
    if path.exists():
        raise DomainError(f"{path.name} 已存在：同一秒内只能备份一次。")
    with archive.staging_dir(directory) as work, database.snapshot(params) as (snap, counts, _):
        dump = work / archive.DUMP
        database.dump(params, snap, dump)
        manifest = {
            "format": 1, "created_at": now.isoformat(), "app": versions.app_version(),
            "migration_heads": versions.migration_heads(),
            "database": {"name": params["dbname"], "tables": counts, "rows": sum(counts.values())},
        }
        manifest = archive.write(path, key, dump=dump, files=_files(), manifest=manifest)
    copied = _copy_off_machine(path)
    pruned = [p for d in (directory, copied and copied.parent) if d for p in _prune(d)]
    record(AuditAction.BACKUP, actor_name="system", file=path.name, bytes=path.stat().st_size,
           rows=manifest["database"]["rows"], files=len(manifest["files"]))
    return Made(path, manifest, copied, pruned)


def _copy_off_machine(path: Path) -> Path | None:
    """A second copy on another disk or machine (a mounted share, a directory rsync'd or
    synced to object storage), written atomically and compared byte for byte."""
    if not settings.BACKUP_COPY_DIR:
        return None
    target_dir = Path(settings.BACKUP_COPY_DIR)
    target_dir.mkdir(parents=True, exist_ok=True)
    target, partial = target_dir / path.name, target_dir / (path.name + ".partial")
    try:
        with open(path, "rb") as src, open(partial, "wb") as dst:
            shutil.copyfileobj(src, dst, 1024 * 1024)
            dst.flush()
            os.fsync(dst.fileno())
        if partial.stat().st_size != path.stat().st_size:
            raise DomainError(f"复制到 {target_dir} 的备份大小不符，异地副本未写入。")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def _prune(directory: Path) -> list[Path]:
    daily, weekly, monthly = settings.BACKUP_KEEP
    return retention.prune(directory, daily=daily, weekly=weekly, monthly=monthly)


@dataclass
class Restored:
    manifest: dict
    tables: int
    rows: int
    files: int
    bytes: int
    migrate_needed: bool

    def report(self) -> str:
        m = self.manifest
        lines = [f"已恢复备份（{m['created_at']}，版本 {m['app']['version']} {m['app']['git']}）：",
                 f"  数据库：{self.tables} 张表，{self.rows} 行，逐表行数与清单一致；",
                 f"  文件：{self.files} 个，共 {self.bytes} 字节，逐个 SHA-256 与清单一致。"]
        if self.migrate_needed:
            lines.append("  当前代码的数据库迁移比备份新：请运行 manage.py migrate。")
        return "\n".join(lines)


def restore_backup(path: Path) -> Restored:
    """Restores the archive at `path` onto an empty database and an empty file storage."""
    key, params = _key(), database.owner_params()
    path = Path(path)
    if not path.is_file():
        raise DomainError(f"备份文件 {path} 不存在。")
    with archive.staging_dir(Path(settings.BACKUP_DIR)) as work:
        manifest = archive.unpack(path, key, work)
        unknown = versions.unknown_heads(manifest["migration_heads"])
        if unknown:
            raise DomainError(f"备份来自更新的版本（{manifest['app']['version']} "
                              f"{manifest['app']['git']}），当前代码没有迁移 {unknown[0]}："
                              "请先部署该版本再恢复。")
        database.refuse_unless_empty(params)
        storage.refuse_unless_empty()
        database.restore(params, archive.staged(work, archive.DUMP))
        for name in manifest["files"]:
            with open(archive.staged(work, archive.FILES + name), "rb") as handle:
                storage.put(name, handle)
    restored = check_restored(manifest, params)
    record(AuditAction.RESTORE, actor_name="system", file=path.name,
           rows=restored.rows, files=restored.files)
    return restored


def check_restored(manifest: dict, params: dict) -> Restored:
    """The restored database and files compared with the manifest: every table's row count,
    every file's SHA-256."""
    try:
        counts = database.current_counts(params)
    except psycopg.Error as exc:
        raise DomainError(f"恢复后无法读取数据库：{exc}") from exc
    expected = manifest["database"]["tables"]
    differ = sorted(t for t in set(counts) | set(expected) if counts.get(t) != expected.get(t))
    if differ:
        t = differ[0]
        raise DomainError(f"恢复后的数据库与清单不符：{len(differ)} 张表的行数不一致（如 {t}："
                          f"清单 {expected.get(t)}，实际 {counts.get(t)}）。")
    wrong = [n for n, e in manifest["files"].items()
             if not default_storage.exists(n) or storage.sha256_of(n) != e["sha256"]]
    if wrong:
        raise DomainError(f"恢复后的文件与清单不符：{len(wrong)} 个文件缺失或 SHA-256 不一致"
                          f"（如 {wrong[0]}）。")
    heads = set(versions.migration_heads()) - set(manifest["migration_heads"])
    return Restored(manifest, len(counts), sum(counts.values()), len(manifest["files"]),
                    sum(e["bytes"] for e in manifest["files"].values()), bool(heads))
