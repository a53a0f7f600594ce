"""What the documents read from the declaration besides its sections (declare.reading): the
snapshot label and the supporting materials. One place, so the form contexts, the bundle and
the cache key all see the same inputs."""

from declare.checklist import items_of
from declare.models import EDITABLE_STATUSES, Material, Snapshot


def document_label(application) -> str:
    """The version printed on every page: the latest snapshot label (e.g. 2025-JD-0042-v3) while
    the application stands as submitted; the reference + 草稿 while it may still change."""
    snapshot = printed_snapshot(application)
    return snapshot.label if snapshot is not None else f"{application.reference} 草稿"


def printed_snapshot(application) -> Snapshot | None:
    """The submitted version a print of `application` shows now; None while it is a draft."""
    if application.status in EDITABLE_STATUSES:
        return None
    return _latest_snapshot(application)


def _latest_snapshot(application) -> Snapshot | None:
    return Snapshot.objects.filter(application=application).order_by("-version").first()


def materials_of(application) -> list[Material]:
    """The uploaded materials still in force, in checklist order and, within an item, in the
    order the unit chose (position)."""
    order = {item.key: i for i, item in enumerate(items_of(application))}
    current = Material.objects.filter(application=application, removed_at__isnull=True)
    return sorted(current, key=lambda m: (order.get(m.item, len(order)), m.position, m.id))
