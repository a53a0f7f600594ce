"""Purging removed uploads (issue 14 §7: 16 files were stored for 3 live materials).

A material's file is kept while the material is live (not removed) or any submitted version
refers to it (Snapshot.data["materials"]: once submitted, a file is never lost). Everything
else goes, but only after the grace period (UPLOAD_PURGE_GRACE_HOURS):
- a removed material that no submitted version refers to, removed before the grace period,
  is deleted with its file (removal cannot be undone, and a removed material never enters a
  later snapshot, which takes the live materials only);
- a file under materials/ that no material refers to at all (an upload whose transaction was
  rolled back after its file was written) is deleted once it is older than the grace period,
  so an upload still being saved — its file written before its row is committed — is never
  touched.
Every deletion is written to the event log (audit.services.record, CHANGE, step
"purge_upload"). Run by the beat task declare.purge_uploads and `manage.py purge_uploads`.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.models import AuditAction
from audit.services import record
from uploads.purge import unreferenced_files

from ..models import Material, Snapshot

# The only default of UPLOAD_PURGE_GRACE_HOURS: far longer than any upload takes to be saved.
DEFAULT_GRACE_HOURS = 24
DIRECTORY = "materials"
STEP = "purge_upload"


@dataclass
class Purge:
    materials: list[str] = field(default_factory=list)  # files of removed materials
    orphans: list[str] = field(default_factory=list)  # files no material refers to
    dry_run: bool = False

    @property
    def files(self) -> list[str]:
        return self.materials + self.orphans


def grace() -> timedelta:
    return timedelta(hours=getattr(settings, "UPLOAD_PURGE_GRACE_HOURS", DEFAULT_GRACE_HOURS))


def purge_uploads(*, dry_run: bool = False, via: str, now=None) -> Purge:
    """Delete the removed materials and stray files nothing refers to (see the module); with
    `dry_run` only say which. `via` (beat, command) is written to the event log."""
    cutoff = (now or timezone.now()) - grace()
    storage = Material._meta.get_field("file").storage
    purge = Purge(dry_run=dry_run)
    for material in _removed_unreferenced(cutoff):
        purge.materials.append(material.file.name)
        if not dry_run:
            _delete_material(material, storage, cutoff, via)
    # the files just let go are deleted as their rows' transactions commit
    keep = set(Material.objects.values_list("file", flat=True)) | set(purge.materials)
    purge.orphans = unreferenced_files(storage, DIRECTORY, keep, older_than=cutoff)
    if not dry_run:
        for name in purge.orphans:
            storage.delete(name)
            record(AuditAction.CHANGE, actor_name=via, step=STEP, file=name,
                   reason="无任何申报材料引用的文件")
    return purge


def _removed_unreferenced(cutoff) -> list[Material]:
    removed = list(Material.objects.filter(removed_at__lt=cutoff).select_related("application"))
    referenced = set()
    for data in Snapshot.objects.filter(
            application__in={m.application_id for m in removed}).values_list("data", flat=True):
        referenced.update(m["id"] for m in data.get("materials", []))
    return [m for m in removed if m.pk not in referenced]


def _delete_material(material: Material, storage, cutoff, via: str) -> None:
    with transaction.atomic():
        locked = Material.objects.select_for_update().filter(
            pk=material.pk, removed_at__lt=cutoff).first()
        if locked is None:
            return
        name = locked.file.name
        record(AuditAction.CHANGE, obj=locked, actor_name=via, step=STEP, file=name,
               application=material.application.reference, item=locked.item,
               title=locked.title, sha256=locked.sha256, size=locked.size,
               reason="已删除且未被任何提交版本引用的材料")
        locked.delete()
        if Material.objects.filter(file=name).exists():   # re-used by a carried-forward application
            return
        transaction.on_commit(lambda: storage.delete(name))
