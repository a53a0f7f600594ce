"""The private files, through Django's storage API only (default_storage: the filesystem or an
S3 bucket, by configuration), never by path."""

import hashlib

from django.core.files import File
from django.core.files.storage import default_storage

from core.errors import DomainError
from core.storage import file_names


def names(storage=None) -> list[str]:
    """Every private file's name, sorted."""
    return file_names(storage or default_storage)


def sha256_of(name: str, storage=None) -> str:
    digest = hashlib.sha256()
    with (storage or default_storage).open(name, "rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def refuse_unless_empty(storage=None) -> None:
    present = names(storage)
    if present:
        raise DomainError(f"目标文件存储不是空的（已有 {len(present)} 个文件，如 {present[0]}）。"
                          "恢复只写入空的文件存储，已有文件不会被覆盖。")


def put(name: str, handle, storage=None) -> None:
    saved = (storage or default_storage).save(name, File(handle))
    if saved != name:
        raise DomainError(f"文件 {name} 未能以原名恢复（存储给出 {saved}），恢复中止。")
