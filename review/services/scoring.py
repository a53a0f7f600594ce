"""评分: experts fill their sheets; the chair reopens a sheet or closes the panel."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from core.errors import DomainError

from .. import notices
from ..aggregation import sheet_total
from ..models import Decision, Panel, PanelResult, PanelStatus, Score, ScoreSheet
from ..results import compute, progress
from ..rules import can_run_panel
from ..selectors import admitted_applications
from ..workflow import PANEL, SHEET


class ScoreErrors(DomainError):
    """Cell-level errors: {criterion_id: message}; nothing was saved."""

    def __init__(self, errors: dict[int, str], message: str = "评分有误，请按提示修改后再保存。"):
        super().__init__(message)
        self.errors = errors


def parse_points(raw, criterion) -> Decimal | None:
    """None for blank; DomainError with a Chinese message when not a number in 0 … max."""
    text = str(raw if raw is not None else "").strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise DomainError("请输入数字。") from None
    if not value.is_finite():
        raise DomainError("请输入数字。")
    if value < 0 or value > criterion.max_points:
        raise DomainError(f"得分应在 0 至 {criterion.max_points.normalize():f} 分之间。")
    if value != value.quantize(Decimal("0.01")):
        raise DomainError("得分最多保留两位小数。")
    return value


def _sheet_for(assignment) -> ScoreSheet:
    sheet, _ = ScoreSheet.objects.get_or_create(assignment=assignment,
                                                defaults={"rubric": assignment.panel.rubric})
    return ScoreSheet.objects.select_for_update().get(pk=sheet.pk)


@transaction.atomic
def save_sheet(assignment, *, by, points: dict, comment: str, submit: bool) -> ScoreSheet:
    """Save a draft or submit; every score must lie within its criterion's bounds."""
    if assignment.expert.user_id != by.id:
        raise DomainError("只能填写分配给您本人的评分表。")
    panel = Panel.objects.select_for_update().get(pk=assignment.panel_id)
    if panel.status != PanelStatus.SCORING:
        raise DomainError(f"专家组当前状态为“{panel.get_status_display()}”，不能评分。")
    sheet = _sheet_for(assignment)
    if sheet.is_locked:
        raise DomainError("评分表已提交并锁定；如需修改，请联系专家组组长退回。")
    criteria = list(sheet.rubric.criteria.all())
    values, errors = {}, {}
    for c in criteria:
        try:
            values[c.id] = parse_points(points.get(c.id), c)
        except DomainError as exc:
            errors[c.id] = exc.message
        if submit and c.id not in errors and values.get(c.id) is None:
            errors[c.id] = "提交前请填写此项得分。"
    comment = (comment or "").strip()
    if errors:
        raise ScoreErrors(errors)
    if submit and not comment:
        raise DomainError("提交前请填写评审意见。", field="comment")
    for c in criteria:
        if values[c.id] is None:
            Score.objects.filter(sheet=sheet, criterion=c).delete()
        else:
            Score.objects.update_or_create(sheet=sheet, criterion=c,
                                           defaults={"points": values[c.id]})
    sheet.comment = comment
    if not submit:
        sheet.save()
        return sheet
    total = sheet_total((values[c.id], c.weight) for c in criteria)
    SHEET.move(sheet, "submit_sheet", by=by, submitted_at=timezone.now(), total=total,
               payload={"expert": assignment.expert_id, "total": str(total)})
    return sheet


def _reason(text, noun: str, model) -> str:
    reason = (text or "").strip()
    if not reason:
        raise DomainError(f"请填写{noun}。", field="reason")
    limit = model._meta.get_field("reopen_reason").max_length
    if len(reason) > limit:
        raise DomainError(f"{noun}不能超过{limit}字。", field="reason")
    return reason


@transaction.atomic
def reopen_sheet(sheet, *, by, reason: str) -> ScoreSheet:
    """Unlock a submitted sheet; only the chair (or a reviewer), only while scoring."""
    sheet = ScoreSheet.objects.select_for_update(of=("self",)).select_related(
        "assignment__panel__call__issuer", "assignment__panel__chair",
        "assignment__expert__user", "assignment__application").get(pk=sheet.pk)
    panel = sheet.assignment.panel
    if not can_run_panel(by, panel):
        raise DomainError("只有专家组组长可以退回评分表。")
    if panel.status != PanelStatus.SCORING:
        raise DomainError("评分已结束，不能退回评分表。")
    if not SHEET.can(sheet, "reopen_sheet"):
        raise DomainError("该评分表尚未提交，无需退回。")
    reason = _reason(reason, "退回理由", ScoreSheet)
    SHEET.move(sheet, "reopen_sheet", by=by, reason=reason, total=None, submitted_at=None,
               reopen_reason=reason,
               payload={"expert": sheet.assignment.expert_id, "reason": reason})
    notices.sheet_reopened(sheet, reason)
    return sheet


@transaction.atomic
def close_panel(panel, *, by) -> PanelResult:
    """End scoring once every sheet is submitted, and freeze the recomputable result."""
    panel = Panel.objects.select_for_update(of=("self",)).select_related("call__issuer", "chair",
                                                             "rubric").get(pk=panel.pk)
    if not can_run_panel(by, panel):
        raise DomainError("只有专家组组长或审核人员可以结束评分。")
    PANEL.check(panel, "close_panel")
    state = progress(panel)
    if state["done"] < state["assigned"]:
        missing = [f"{r['expert'].name}（{r['assigned'] - r['done']} 份）"
                   for r in state["rows"] if r["done"] < r["assigned"]]
        raise DomainError("尚有评分表未提交：" + "、".join(missing) + "。")
    unassigned = admitted_applications(panel.call, panel.kind).exclude(
        review_assignments__panel=panel).values_list("reference", flat=True)
    if unassigned:   # a package accepted while scoring (review.services.receipt)
        raise DomainError("尚有已受理的项目未分配评审专家：" + "、".join(unassigned) + "。")
    data = compute(panel)
    result = PanelResult.objects.create(panel=panel, computed_by=by, **data)
    PANEL.move(panel, "close_panel", by=by, closed_at=timezone.now(),
               payload={"raw_sha256": result.raw_sha256})
    notices.panel_closed(panel)
    return result


@transaction.atomic
def reopen_panel(panel, *, by, reason: str) -> Panel:
    """Reopen a closed panel (the chair or a reviewer, with a reason): scoring is open again,
    the frozen result is dropped (its SHA-256 stays in the record) and is computed anew at the
    next close. Not once a 复审决定 of the kind has been saved on that result."""
    panel = Panel.objects.select_for_update(of=("self",)).select_related(
        "call__issuer", "chair").get(pk=panel.pk)
    if not can_run_panel(by, panel):
        raise DomainError("只有专家组组长或审核人员可以重新开放评分。")
    PANEL.check(panel, "reopen_panel")
    reason = _reason(reason, "重新开放评分的理由", Panel)
    if Decision.objects.filter(call=panel.call, kind=panel.kind).exists():
        raise DomainError("该类项目已保存复审决定，不能重新开放评分。")
    return reopen_frozen(panel, by=by, reason=reason, reopen_reason=reason)


def reopen_frozen(panel, *, by, reason: str, reopen_reason: str = "", **payload) -> Panel:
    """The one reopening of a closed panel (the chair's, above, and a late package's,
    review.services.receipt): its frozen result dropped (the SHA-256 kept in the record) and
    scoring open again; the caller has locked the panel and made its checks."""
    old = PanelResult.objects.filter(panel=panel).first()
    payload = {"reason": reason, "raw_sha256": old.raw_sha256 if old else "", **payload}
    if old is not None:
        old.delete()
    changes = {"reopen_reason": reopen_reason} if reopen_reason else {}
    PANEL.move(panel, "reopen_panel", by=by, reason=reason, closed_at=None, payload=payload,
               **changes)
    notices.panel_reopened(panel, reason)
    return panel
