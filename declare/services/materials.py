"""Uploading, ordering and removing 申报材料 while the application is editable.

Every upload is checked by content (uploads.validate_upload) here, whatever the view did, and
a file already in the application (the same SHA-256 of its plain content, under any item) is
refused with the item it is under (issue 15 §8).
Removal is soft (removed_at) so a file that a submitted version refers to is never lost.
Files of the personal checklist items (declare.checklist `personal`) are stored sealed
(core.sealed) and never reach experts.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from core.errors import DomainError
from core.sealed import save_sealed
from uploads import validate_upload
from uploads.validation import UploadKind

from ..checklist import PERSONAL_ITEMS, item_for, items_of
from ..models import Application, ApplicationStatus, CarryForward, EventAction, Material
from ..rules import can_edit
from ..workflow import lock, note
from ..yearbound import names_years

MAX_FILES_PER_APPLICATION = 200


def active_materials(application: Application) -> QuerySet[Material]:
    return application.materials.filter(removed_at__isnull=True).order_by("item", "position",
                                                                          "id")


def materials_for_experts(application: Application) -> QuerySet[Material]:
    """What an expert may download: the current files, never the personal items."""
    return active_materials(application).exclude(item__in=PERSONAL_ITEMS)


def checklist_for_experts(application: Application) -> list[dict]:
    """The checklist rows an expert is shown: those with files, never the personal items."""
    return [row for row in checklist_status(application)
            if row["files"] and not row["item"].personal]


def checklist_status(application: Application, sections: dict | None = None) -> list[dict]:
    """Each checklist item with its files and whether it is satisfied (upload or text)."""
    files: dict[str, list[Material]] = {}
    for m in active_materials(application):
        files.setdefault(m.item, []).append(m)
    if sections is None:
        sections = {s.key: s for s in application.sections.all()}
    out = []
    for item in items_of(application):
        by_text = _satisfied_by_text(item, sections)
        present = bool(files.get(item.key)) or by_text
        out.append({"item": item, "files": files.get(item.key, []), "by_text": by_text,
                    "present": present, "missing": item.required and not present})
    return out


def alternative_status(application: Application, sections: dict) -> list[dict]:
    """checklist_status's rows ("item", "missing") of only the items a section may stand in
    for (declare.checklist `alternative`), from the item keys of their current files."""
    items = [i for i in items_of(application) if i.alternative]
    uploaded = set(application.materials.filter(
        removed_at__isnull=True, item__in=[i.key for i in items]).order_by()
        .values_list("item", flat=True)) if items else set()
    return [{"item": i, "missing": i.required and i.key not in uploaded
             and not _satisfied_by_text(i, sections)} for i in items]


def _satisfied_by_text(item, sections: dict) -> bool:
    if not item.alternative:
        return False
    key, field = item.alternative
    section = sections.get(key)
    if section is None:
        return False
    if not field:
        return bool(section.complete)
    return bool(str((section.data or {}).get(field) or "").strip())


def missing_items(application: Application) -> list[str]:
    return [row["item"].label for row in checklist_status(application) if row["missing"]]


def _editable(application: Application, by) -> Application:
    app = lock(application)
    if not can_edit(by, app):
        if app.status not in (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED):
            raise DomainError(f"申报当前状态为“{app.get_status_display()}”，不能修改材料。")
        raise DomainError("只有本单位的申报用户可以修改材料。")
    return app


@transaction.atomic
def add_material(application: Application, *, item: str, uploaded_file, by) -> Material:
    """Store one checked file under a generated name, labelled with its checklist item."""
    app = _editable(application, by)
    entry = item_for(app, item)
    if entry is None:
        raise DomainError("请选择材料清单中的项目。")
    if active_materials(app).count() >= MAX_FILES_PER_APPLICATION:
        raise DomainError(f"每份申报最多上传 {MAX_FILES_PER_APPLICATION} 个文件。")
    kind, name, sha256 = validate_upload(uploaded_file)
    _refuse_duplicate(app, sha256)
    last = active_materials(app).filter(item=item).aggregate(m=Max("position"))["m"] or 0
    material = Material(application=app, item=item, title=name, content_type=UploadKind.MIME[kind],
                        size=uploaded_file.size, sha256=sha256, position=last + 1, uploaded_by=by)
    if entry.personal:
        save_sealed(material.file, f"upload.{kind}", uploaded_file)
    else:
        material.file.save(f"upload.{kind}", uploaded_file, save=False)
    material.save()
    note(app, EventAction.UPLOAD, by=by, comment=f"{entry.label}：{name}",
         payload={"material": material.pk, "item": item, "sha256": sha256})
    return material


def _refuse_duplicate(app: Application, sha256: str) -> None:
    """Under the application's row lock (_editable), so two uploads of one file cannot both
    pass; files removed from the list do not count."""
    same = active_materials(app).filter(sha256=sha256).first()
    if same is not None:
        entry = item_for(app, same.item)
        raise DomainError(f"该文件已上传在“{entry.label if entry else same.item}”下，无需重复上传。")


@dataclass(frozen=True)
class Upload:
    """What became of one file of a batch: the stored material, or the reason it was refused."""

    name: str
    material: Material | None = None
    refusal: str = ""


def add_materials(application: Application, *, item: str, files, by) -> list[Upload]:
    """Several files for one checklist item (the upload form takes a selection): each checked
    and stored on its own, so a refused file keeps none of the others out."""
    outcomes = []
    for uploaded_file in files:
        name = (getattr(uploaded_file, "name", "") or "文件")[:80]
        try:
            material = add_material(application, item=item, uploaded_file=uploaded_file, by=by)
        except ValidationError as exc:
            outcomes.append(Upload(name, refusal="".join(exc.messages)))
        except DomainError as exc:
            outcomes.append(Upload(name, refusal=exc.message))
        else:
            outcomes.append(Upload(material.title, material=material))
    return outcomes


@transaction.atomic
def remove_material(material: Material, *, by) -> None:
    app = _editable(material.application, by)
    material = Material.objects.select_for_update().get(pk=material.pk, application=app)
    if material.removed_at:
        return
    material.removed_at = timezone.now()
    material.save(update_fields=["removed_at"])
    entry = item_for(app, material.item)
    note(app, EventAction.REMOVE_MATERIAL, by=by, comment=f"{entry.label if entry else material.item}："
         f"{material.title}", payload={"material": material.pk})


@transaction.atomic
def move_material(material: Material, *, by, direction: str) -> None:
    """Swap with the neighbour above ("up") or below ("down") within the same item."""
    app = _editable(material.application, by)
    siblings = list(active_materials(app).filter(item=material.item).select_for_update())
    index = next((i for i, m in enumerate(siblings) if m.pk == material.pk), None)
    if index is None:
        raise DomainError("该材料已删除。")
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    _renumber(siblings)


@transaction.atomic
def reorder_materials(application: Application, *, by, item: str, ids: list[int]) -> None:
    """Put the item's files in the order of `ids` (drag and drop); unknown ids are refused."""
    app = _editable(application, by)
    siblings = {m.pk: m for m in active_materials(app).filter(item=item).select_for_update()}
    if sorted(ids) != sorted(siblings):
        raise DomainError("材料列表已变化，请刷新页面后重新排序。")
    _renumber([siblings[pk] for pk in ids])


def _renumber(materials: list[Material]) -> None:
    for n, m in enumerate(materials, start=1):
        if m.position != n:
            m.position = n
            m.save(update_fields=["position"])


# ---------------------------------------------------------------- 复制上年申报 (issue 17 §6)
def reusable_materials(application: Application) -> list[dict]:
    """The files of the application's carry-forward source that may be re-used: under a
    checklist item the new call also has (re-labelled to its label), not year-bound (the
    2022-2024 training record describes those years only), not already in the application."""
    record = CarryForward.objects.filter(application=application).select_related(
        "source__call").first()
    if record is None:
        return []
    items = {i.key: i for i in items_of(application)}
    have = set(active_materials(application).values_list("sha256", flat=True))
    rows = []
    for material in active_materials(record.source):
        entry = items.get(material.item)
        if entry is None or names_years(entry.label) or material.sha256 in have:
            continue
        old = item_for(record.source, material.item)
        rows.append({"material": material, "item": entry, "was": old.label if old else "",
                     "source": record.source})
    return rows


@transaction.atomic
def reuse_materials(application: Application, *, material_ids, by) -> list[Material]:
    """Add the chosen files of the carry-forward source (each confirmed by the unit) under the
    same checklist item of the new call. The stored file is referred to, not copied (private
    storage keeps one file for both; declare.services.purge deletes it only when no material
    refers to it any more)."""
    app = _editable(application, by)
    offered = {row["material"].pk: row for row in reusable_materials(app)}
    chosen = [offered[i] for i in dict.fromkeys(material_ids) if i in offered]
    if not chosen:
        raise DomainError("请勾选要复用的材料。")
    added = []
    for row in chosen:
        old, entry = row["material"], row["item"]
        _refuse_duplicate(app, old.sha256)
        last = active_materials(app).filter(item=old.item).aggregate(m=Max("position"))["m"] or 0
        material = Material(application=app, item=old.item, title=old.title,
                            content_type=old.content_type, size=old.size, sha256=old.sha256,
                            position=last + 1, uploaded_by=by)
        material.file.name = old.file.name
        material.save()
        note(app, EventAction.UPLOAD, by=by,
             comment=f"{entry.label}：{old.title}（复用 {row['source'].reference} 的材料）",
             payload={"material": material.pk, "item": old.item, "sha256": old.sha256,
                      "reused_from": old.pk})
        added.append(material)
    record = CarryForward.objects.select_for_update().get(application=app)
    record.reused = [*record.reused, *(row["material"].pk for row in chosen)]
    record.save(update_fields=["reused"])
    return added
