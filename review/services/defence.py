"""网络答辩: slots per application (105号 五(一) 做好网络答辩准备), attendance, notes and the
optional 答辩成绩 (on the rubric's full marks; how it enters the ranking: review.aggregation)."""

from types import SimpleNamespace

from django.db import transaction
from django.utils import timezone

from core.errors import DomainError

from .. import notices
from ..models import Attendance, DefenceSlot
from ..rules import can_run_panel
from ..selectors import admitted_applications
from .audit import log
from .rubrics import current_rubric
from .scoring import parse_points


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


def _defence_score(slot, attendance: str, raw) -> object:
    """The 答辩成绩 typed for an attended defence: 0 … the rubric's full marks, 2 decimals."""
    if not str(raw or "").strip():
        return None
    if attendance != Attendance.ATTENDED:
        raise DomainError("只有已出席答辩的项目才能录入答辩成绩。", field="score")
    rubric = slot.panel.rubric or current_rubric(slot.panel.call, slot.panel.kind)
    if rubric is None:
        raise DomainError("请先发布评分细则，答辩成绩按其满分计。", field="score")
    try:
        return parse_points(raw, SimpleNamespace(max_points=rubric.max_total()))
    except DomainError as exc:
        raise DomainError(str(exc).replace("得分", "答辩成绩"), field="score") from None


@transaction.atomic
def record_defence(slot, *, attendance: str, attendees: str, notes: str, by,
                   score="") -> DefenceSlot:
    slot = DefenceSlot.objects.select_for_update(of=("self",)).select_related(
        "panel__call__issuer", "panel__chair").get(pk=slot.pk)
    if not can_run_panel(by, slot.panel):
        raise DomainError("您无权记录答辩情况。")
    if attendance not in Attendance.values:
        raise DomainError("请选择出席情况。", field="attendance")
    if attendance != Attendance.PENDING and timezone.now() < slot.starts_at:
        raise DomainError(f"答辩尚未开始（{timezone.localtime(slot.starts_at):%Y-%m-%d %H:%M}），"
                          "开始后才能记录出席情况。", field="attendance")
    slot.score = _defence_score(slot, attendance, score)
    slot.attendance, slot.attendees, slot.notes = attendance, attendees.strip(), notes.strip()
    slot.updated_by = by
    slot.save()
    log(slot.panel.call, by=by, action="record_defence", subject=str(slot.application_id),
        payload={"attendance": attendance, "score": str(slot.score or "")})
    return slot
