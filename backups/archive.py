"""One backup archive: a tar stream (database.dump, files/<name>…, manifest.json last) written
through crypto.EncryptingWriter. The manifest lists what a restore must find: every table's
row count, the dump's and every file's SHA-256 and size, the app version, migration heads."""

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path

from core.errors import DomainError

from . import crypto

DUMP = "database.dump"
MANIFEST = "manifest.json"
FILES = "files/"


class _Hashing(io.RawIOBase):
    """Reads `size` bytes from `handle`, hashing them on the way (the tar reads it once)."""

    def __init__(self, handle):
        self.handle, self.digest, self.count = handle, hashlib.sha256(), 0

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        self.count += len(data)
        return data


def _add(tar, name: str, handle, size: int) -> dict:
    info = tarfile.TarInfo(name)
    info.size, info.mode = size, 0o600
    reader = _Hashing(handle)
    tar.addfile(info, reader)
    if reader.count != size:
        raise DomainError(f"{name} 在备份过程中发生了变化，请重新备份。")
    return {"sha256": reader.digest.hexdigest(), "bytes": size}


def write(path: Path, key: bytes, *, dump: Path, files, manifest: dict) -> dict:
    """Writes the archive to `path` atomically (a .partial next to it, fsynced, renamed):
    `files` yields (name, open binary handle, size); returns the completed manifest."""
    partial = path.with_name(path.name + ".partial")
    try:
        with open(partial, "wb") as raw:
            writer = crypto.EncryptingWriter(raw, key)
            with tarfile.open(fileobj=writer, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                with open(dump, "rb") as handle:
                    manifest["database"].update(_add(tar, DUMP, handle, dump.stat().st_size))
                manifest["files"] = {}
                for name, handle, size in files:
                    with handle:
                        manifest["files"][name] = _add(tar, FILES + name, handle, size)
                body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                _add(tar, MANIFEST, io.BytesIO(body), len(body))
            writer.close()
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def _member_name(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


def unpack(path: Path, key: bytes, into: Path) -> dict:
    """Decrypts and unpacks the whole archive into `into` (the dump, each file under a hashed
    name) and checks it against its manifest before anything is restored: a tampered, cut or
    partial archive is refused here. Returns the manifest."""
    found = {}
    with open(path, "rb") as raw:
        reader = crypto.DecryptingReader(raw, key)
        try:
            with tarfile.open(fileobj=reader, mode="r|") as tar:
                for member in tar:
                    if not member.isfile():
                        continue
                    target = into / _member_name(member.name)
                    with open(target, "wb") as out:
                        source = _Hashing(tar.extractfile(member))
                        shutil.copyfileobj(source, out, 1024 * 1024)
                    found[member.name] = {"sha256": source.digest.hexdigest(),
                                          "bytes": source.count}
        except tarfile.TarError as exc:
            raise DomainError(f"备份文件的内容结构已损坏（{exc}），拒绝恢复。") from exc
    if MANIFEST not in found:
        raise DomainError("备份不完整：缺少清单（manifest.json），拒绝恢复。")
    manifest = json.loads((into / _member_name(MANIFEST)).read_bytes())
    expected = {DUMP: _entry(manifest["database"])}
    expected.update({FILES + name: _entry(e) for name, e in manifest["files"].items()})
    missing = sorted(set(expected) - set(found))
    if missing:
        raise DomainError(f"备份不完整：清单列出的 {len(missing)} 项不在备份中（如 {missing[0]}），"
                          "拒绝恢复。")
    wrong = sorted(n for n, e in expected.items() if found[n] != e)
    if wrong:
        raise DomainError(f"备份内容与清单不符：{len(wrong)} 项的大小或 SHA-256 不一致（如 "
                          f"{wrong[0]}），拒绝恢复。")
    extra = sorted(set(found) - set(expected) - {MANIFEST})
    if extra:
        raise DomainError(f"备份中有清单未列出的 {len(extra)} 项（如 {extra[0]}），拒绝恢复。")
    return manifest


def _entry(e: dict) -> dict:
    return {"sha256": e["sha256"], "bytes": e["bytes"]}


def staged(into: Path, name: str) -> Path:
    """Where unpack put the archive member `name`."""
    return into / _member_name(name)


@contextmanager
def staging_dir(near: Path):
    """A private working directory next to the archives (the same disk, which has the room),
    removed afterwards whatever happened."""
    near.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".work-", dir=near) as work:
        yield Path(work)
