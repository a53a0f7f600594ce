"""Acceptance, rectification and revocation (鄂人社发〔2022〕100号 七(二))."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from calls.choices import ProjectKind
from calls.models import Call
from core.dates import add_years

from .. import rules
from ..acceptance import acceptance_problems
from ..choices import RevocationReason
from ..models import Acceptance, Ban, FundsRecovery, Project
from .base import move, require


@transaction.atomic
def apply_for_acceptance(project: Project, *, by, comment: str = "",
                         today: date | None = None) -> Project:
    """The unit declares construction (or rectification) finished and asks for acceptance:
    not too early, and only with its 验收要点 reported and spending recorded
    (projects.acceptance)."""
    require(rules.is_unit_user(by, project), "只有项目建设单位可以申请验收。")
    problems = acceptance_problems(project, today=today or timezone.localdate())
    require(not problems, "".join(problems))
    return move(project, "apply_for_acceptance", by=by, comment=comment)


def _plaque_number(project: Project) -> str:
    """Numbered per call and kind in order of acceptance; the call row is locked meanwhile."""
    call = Call.objects.select_for_update().get(pk=project.call_id)
    prefix = "JD" if project.kind == ProjectKind.BASE else "GZS"
    seq = Project.objects.filter(call=call, kind=project.kind).exclude(plaque_number="").count()
    return f"{prefix}{call.year}-{call.pk:03d}-{seq + 1:03d}"


@transaction.atomic
def decide_acceptance(project: Project, *, by, passed: bool, findings: str, decided_on: date,
                      rectification_due: date | None = None) -> Project:
    """验收: pass → 已验收, published and a plaque number issued; fail → 整改中 with a deadline."""
    require(rules.can_decide(by, project), "只有发文单位的审核人员或管理员可以组织验收。")
    require(bool(findings and findings.strip()), "请填写验收意见。", field="findings")
    require(decided_on <= timezone.localdate(), "验收日期不能晚于今天。", field="decided_on")
    if passed:
        locked = move(project, "accept", by=by, comment=findings,
                      accepted_on=decided_on, rectification_due=None)
        locked.plaque_number = _plaque_number(locked)
        locked.save(update_fields=["plaque_number"])
    else:
        require(rectification_due is not None and rectification_due > decided_on,
                "验收不合格时须填写整改期限（应晚于验收日期）。", field="rectification_due")
        locked = move(project, "require_rectification", by=by, comment=findings,
                      rectification_due=rectification_due,
                      payload={"rectification_due": rectification_due.isoformat()})
    Acceptance.objects.create(project=locked, passed=passed, findings=findings.strip(),
                              decided_on=decided_on, rectification_due=rectification_due,
                              decided_by=by)
    return locked


@transaction.atomic
def revoke_project(project: Project, *, by, reason: str, comment: str,
                   recovered_amount: Decimal | None = None) -> Project:
    """撤销称号 for fraud or for not training as required; the funds are recovered and the
    unit is barred for call.threshold("fraud_ban_years") years (105号 五(二), 100号 七(二))."""
    require(rules.can_decide(by, project), "只有发文单位的审核人员或管理员可以撤销项目。")
    require(reason in RevocationReason.values, "请选择撤销原因。", field="reason")
    require(bool(comment and comment.strip()), "请填写查明的情况。", field="comment")
    amount = project.amount if recovered_amount is None else recovered_amount
    require(Decimal("0") <= amount <= project.amount,
            f"追回金额应在 0 至 {project.amount} 万元之间。", field="recovered_amount")
    label = RevocationReason(reason).label
    locked = move(project, "revoke", by=by, label=f"撤销称号（{label}）", comment=comment,
                  rectification_due=None, payload={"reason": reason, "recovered": str(amount)})
    FundsRecovery.objects.create(project=locked, amount=amount, reason=f"撤销称号：{label}",
                                 recorded_by=by)
    today = timezone.localdate()
    years = locked.call.threshold("fraud_ban_years")
    Ban.objects.create(unit=locked.unit, project=locked, reason=reason, comment=comment.strip(),
                       starts_on=today, ends_on=add_years(today, years), created_by=by)
    return locked

