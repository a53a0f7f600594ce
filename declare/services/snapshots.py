"""提交版本: the application frozen at each submission, with a SHA-256 of its content.

The label (2025-JD-0042-v3) is printed on every page of the submitted form, so the sealed
paper copy can be matched to the electronic one. Section data is kept as stored (personal
information stays encrypted); the hash is over the canonical JSON of exactly what is kept.
"""

import hashlib
import json

from django.db.models import QuerySet

from ..checklist import items_of
from ..models import Application, Snapshot
from ..schema import form_for, section_spec
from ..unitfacts import unit_facts, with_unit_facts


def canonical_json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=str).encode()


def digest(data) -> str:
    return hashlib.sha256(canonical_json(data)).hexdigest()


def snapshot_content(application: Application) -> dict:
    """All sections, specialities, application fields and material hashes, JSON-ready."""
    from .materials import active_materials

    items = items_of(application)
    order = {item.key: n for n, item in enumerate(items)}
    labels = {item.key: item.label for item in items}
    materials = sorted(active_materials(application), key=lambda m: (order.get(m.item, 99),
                                                                    m.position, m.id))
    form = form_for(application)
    return {
        "form": {"key": form.key, "fingerprint": form.fingerprint},   # read and printed with it
        "application": {
            "reference": application.reference, "call": application.call.doc_number,
            "call_title": application.call.title, "unit": application.unit.name,
            "unit_credit_code": application.unit.credit_code, "kind": application.kind,
            "category": application.category, "tier": application.tier,
            "submitted_at": application.submitted_at.isoformat()
            if application.submitted_at else None,
            "explanations": application.explanations or {},
        },
        "specialities": [
            {"position": s.position, "code": s.occupation.code, "name": s.occupation.name,
             "work_type": s.work_type}
            for s in application.specialities.select_related("occupation").order_by("position")],
        "sections": {s.key: {"version": s.version, "data": _as_submitted(application, s)}
                     for s in application.sections.order_by("key")},
        "materials": [
            {"id": m.id, "item": m.item, "item_label": labels.get(m.item, m.item), "title": m.title, "content_type": m.content_type,
             "size": m.size, "sha256": m.sha256, "position": m.position} for m in materials],
    }


def _as_submitted(application: Application, section) -> dict:
    """The stored data with the unit's registered values as they are now (declare.unitfacts)."""
    spec = section_spec(application.kind, section.key, form=application)
    if spec is None:
        return section.data
    return with_unit_facts(spec, section.data, unit_facts(application.unit))


def create_snapshot(application: Application, *, by) -> Snapshot:
    """Freeze `application` as version application.submitted_version (caller holds the lock)."""
    version = application.submitted_version
    data = snapshot_content(application)
    return Snapshot.objects.create(
        application=application, version=version, label=f"{application.reference}-v{version}",
        sha256=digest(data), data=data, created_by=by)


def verify(snapshot: Snapshot) -> bool:
    """True when the stored content still hashes to the recorded SHA-256."""
    return digest(snapshot.data) == snapshot.sha256


def snapshots_of(application: Application) -> QuerySet[Snapshot]:
    return application.snapshots.select_related("created_by").order_by("-version")


def latest_label(application: Application) -> str:
    """The version label to print on the form ("" for an application never submitted)."""
    if not application.submitted_version:
        return ""
    return f"{application.reference}-v{application.submitted_version}"
