"""网络答辩: slots per application (105号 五(一) 做好网络答辩准备), attendance and notes."""

from django.db import transaction
from django.utils import timezone

from core.errors import DomainError

from .. import notices
from ..models import Attendance, DefenceSlot
from ..rules import can_run_panel
from ..selectors import admitted_applications
from .audit import log


@transaction.atomic
def schedule_defence(panel, *, application, starts_at, ends_at, place: str, by) -> DefenceSlot:
    if not can_run_panel(by, panel):
        raise DomainError("您无权安排网络答辩。")
    if not admitted_applications(panel.call, panel.kind).filter(pk=application.pk).exists():
        raise DomainError("该项目不属于本专家组。")
    if not starts_at or not ends_at or ends_at <= starts_at:
        raise DomainError("结束时间应晚于开始时间。", field="ends_at")
    if starts_at <= timezone.now():
        raise DomainError("答辩开始时间应晚于现在，不能安排已过去的时间。", field="starts_at")
    if not (place or "").strip():
        raise DomainError("请填写会议链接或地点。", field="place")
    clash = (DefenceSlot.objects.select_for_update().filter(panel=panel)
             .exclude(application=application)
             .filter(starts_at__lt=ends_at, ends_at__gt=starts_at).select_related("application")
             .first())
    if clash is not None:
        raise DomainError(f"与{clash.application.reference}的答辩时间重叠。", field="starts_at")
    slot, _ = DefenceSlot.objects.update_or_create(
        application=application, defaults={"panel": panel, "starts_at": starts_at,
                                           "ends_at": ends_at, "place": place.strip(),
                                           "updated_by": by})
    log(panel.call, by=by, action="schedule_defence", subject=application.reference,
        payload={"starts_at": starts_at.isoformat(), "ends_at": ends_at.isoformat()})
    notices.defence_scheduled(application, starts_at=starts_at, ends_at=ends_at, place=place)
    return slot


@transaction.atomic
def record_defence(slot, *, attendance: str, attendees: str, notes: str, by) -> DefenceSlot:
    slot = DefenceSlot.objects.select_for_update(of=("self",)).select_related(
        "panel__call__issuer", "panel__chair").get(pk=slot.pk)
    if not can_run_panel(by, slot.panel):
        raise DomainError("您无权记录答辩情况。")
    if attendance not in Attendance.values:
        raise DomainError("请选择出席情况。", field="attendance")
    if attendance != Attendance.PENDING and timezone.now() < slot.starts_at:
        raise DomainError(f"答辩尚未开始（{timezone.localtime(slot.starts_at):%Y-%m-%d %H:%M}），"
                          "开始后才能记录出席情况。", field="attendance")
    slot.attendance, slot.attendees, slot.notes = attendance, attendees.strip(), notes.strip()
    slot.updated_by = by
    slot.save()
    log(slot.panel.call, by=by, action="record_defence", subject=str(slot.application_id),
        payload={"attendance": attendance})
    return slot


def absent_from_defence(application_ids) -> list[str]:
    """References of the applications whose 网络答辩 was recorded as 缺席."""
    return list(DefenceSlot.objects.filter(application_id__in=application_ids,
                                           attendance=Attendance.ABSENT)
                .order_by("application__reference")
                .values_list("application__reference", flat=True))
