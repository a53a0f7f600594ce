"""Private files that hold personal data, sealed at rest with the one cipher (core.pii):
every rendering of the render cache (附件3/4, 合订本, 附件2), the 备案 zip, and the materials
the checklist marks personal (declare.checklist: 领办人身份证, certificates …).

A sealed file holds b"enc1:" + a Fernet token of its content. It is read back only through
`open_plain` — by uploads.private_file_response when it is served to someone allowed, and by
the 合订本 when it merges the scans. Files are rewritten only through the storage's `replace`
(core.storage: a temporary file renamed into place, or one object PUT), so a reader sees
either the old or the new file, never half of one — on whichever backend is configured.
"""

from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from . import pii

HEAD = len(pii.BYTES_PREFIX)


def write_sealed(name: str, data: bytes) -> str:
    """Store `data` sealed under `name` in private storage, atomically; returns `name`."""
    return default_storage.replace(name, ContentFile(pii.encrypt_bytes(data)))


def save_sealed(field_file, name: str, content) -> None:
    """FieldFile.save of an upload, its content sealed (the caller saves the model)."""
    content.seek(0)
    field_file.save(name, ContentFile(pii.encrypt_bytes(content.read())), save=False)


def read_plain(field_file) -> bytes:
    with open_plain(field_file) as fh:
        return fh.read()


def open_plain(field_file):
    """A readable binary file of the content: sealed files decrypted in memory, other files
    (no personal data) opened as they are. FileNotFoundError when there is no file."""
    if not field_file.name:
        raise FileNotFoundError("no file")
    handle = field_file.storage.open(field_file.name, "rb")
    sealed = pii.is_encrypted_bytes(handle.read(HEAD))
    handle.seek(0)
    if not sealed:
        return handle
    with handle:
        return BytesIO(pii.decrypt_bytes(handle.read()))


def seal_stored(field_file) -> bool:
    """Seal a stored file in place (or re-seal it under the current key); False when it
    already is, so running it again rewrites nothing."""
    return _rewrite(field_file, lambda data: pii.encrypt_bytes(pii.rotate_bytes(data)))


def rotate_stored(field_file, *, dry_run: bool = False) -> bool:
    """Re-seal an already sealed file under the current key (True when it was under an old
    one); plain files are left alone. InvalidToken when no configured key reads it."""
    return _rewrite(field_file, pii.rotate_bytes, dry_run=dry_run)


def unseal_stored(field_file) -> bool:
    """Back to the plain content (reverse migrations)."""
    return _rewrite(field_file, pii.decrypt_bytes)


def _rewrite(field_file, change, *, dry_run: bool = False) -> bool:
    if not field_file.name or not field_file.storage.exists(field_file.name):
        return False
    with field_file.storage.open(field_file.name, "rb") as fh:
        data = fh.read()
    new = change(data)
    if new is data:
        return False
    if not dry_run:
        field_file.storage.replace(field_file.name, ContentFile(new))
    return True


def sealing(label: str, field: str, **filters):
    """A data migration that seals the stored files of `label` ("app.Model") `field` (rows
    matching `filters`) in place, and unseals them going back; safe to run again."""
    from django.db.migrations import RunPython

    def each(change):
        def run(apps, _schema_editor):
            model = apps.get_model(label)
            for obj in model.objects.filter(**filters).exclude(**{field: ""}).iterator():
                change(getattr(obj, field))
        return run

    return RunPython(each(seal_stored), each(unseal_stored))
