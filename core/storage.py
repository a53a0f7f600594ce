"""Private storage (issue 19 §7): where uploads, renderings and 备案 packages live, one backend
chosen in settings — the local file system (one machine) or an S3-compatible bucket (several
web nodes). Code reaches the files only through the storage API (open, save, exists, delete,
listdir), plus `replace` below, so no caller knows which backend it has.

Both backends are private: `url()` is refused, because every file is served by the app after a
permission check (uploads.private_file_response) and a link into the storage would bypass it.
A name is never silently reused by `save` (a second "scan.pdf" gets another name); `replace` is
the one way to rewrite a stored file, and a reader sees the old or the new content, never half.
"""

import os
import tempfile
from pathlib import Path

from django.core.files.storage import FileSystemStorage
from storages.backends.s3 import S3Storage


def file_names(storage, top: str = "") -> list[str]:
    """Every stored file's name under `top` (all levels; "" for all), sorted. Folders are walked
    with listdir, never tested with exists(): a bucket has no folders, only names sharing a
    prefix; a missing folder lists nothing (the file system raises, a bucket returns nothing)."""
    prefix = f"{top.rstrip('/')}/" if top else ""
    try:
        folders, files = storage.listdir(top)
    except FileNotFoundError:
        return []
    found = [prefix + name for name in files]
    for folder in folders:
        found += file_names(storage, prefix + folder)
    return sorted(found)


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on this machine's disk; each written whole under a temporary name, then linked
    (save: never over another file) or renamed (replace) into place."""

    def _save(self, name, content):
        while True:
            target = Path(self.path(name))
            tmp = self._write_temporary(target, content)
            try:
                os.link(tmp, target)
            except FileExistsError:
                name = self.get_available_name(name)
                continue
            finally:
                Path(tmp).unlink(missing_ok=True)
            return str(name).replace("\\", "/")

    def replace(self, name: str, content) -> str:
        target = Path(self.path(name))
        tmp = self._write_temporary(target, content)
        try:
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)   # nothing half-written is left behind
            raise
        return name

    def url(self, name):
        raise NotImplementedError("私有存储中的文件只能通过系统下载。")

    def _write_temporary(self, target: Path, content) -> str:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as fh:
                if hasattr(content, "seek"):
                    content.seek(0)
                for chunk in content.chunks():
                    fh.write(chunk)
                fh.flush()
                os.fsync(fh.fileno())
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        if self.file_permissions_mode is not None:
            os.chmod(tmp, self.file_permissions_mode)
        return tmp


class PrivateS3Storage(S3Storage):
    """Objects in a private bucket shared by every node; an object PUT is atomic, so `replace`
    is a plain write over the same key."""

    def __init__(self, **settings):
        super().__init__(**{"file_overwrite": False, "default_acl": None,
                            "querystring_auth": True, **settings})

    def replace(self, name: str, content) -> str:
        return self._save(name, content)

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise NotImplementedError("私有存储中的文件只能通过系统下载。")
