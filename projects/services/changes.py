"""Change requests during construction (鄂人社发〔2022〕100号 七(三)、(四))."""

import re

from django.db import transaction
from django.utils import timezone

from calls.choices import ProjectKind
from core.sealed import save_sealed
from declare.vocab import SKILL_LEVELS, SKILL_RANK
from orgs.models import Organisation

from .. import rules
from ..choices import OPEN_STATUSES, ChangeKind, ChangeStatus, LeaderLeaving
from ..files import checked_pdf
from ..models import ChangeRequest, FundsRecovery, Project
from ..workflow import CHANGE
from .base import lock, move, require
from .spending import subsidy_spent

CERTIFICATE = re.compile(r"^[YS]\d{21}$")


def leader_meets_conditions(call, level: str) -> bool:
    """105号 二(二): the leader holds 一级/高级技师 (call.threshold("studio_leader_level"))
    or above on the eight-level ladder."""
    needed = SKILL_RANK[call.threshold("studio_leader_level")]
    return level in SKILL_RANK and SKILL_RANK[level] >= needed


def _check_rename(project, new_name: str) -> None:
    require(bool(new_name), "请填写变更后的单位名称。", field="new_name")
    require(new_name != project.unit.name, "变更后的单位名称与现名称相同。", field="new_name")
    require(not Organisation.objects.filter(name=new_name).exists(),
            "系统中已有同名单位，请核对变更后的单位名称。", field="new_name")


def _check_leader(project, leaving, name, level, certificate) -> None:
    require(project.kind == ProjectKind.STUDIO, "只有工作室建设项目可以变更领办人。")
    require(leaving in LeaderLeaving.values, "请选择原领办人变更原因。", field="leaving")
    require(bool(name), "请填写新领办人姓名。", field="new_leader_name")
    needed = dict(SKILL_LEVELS)[project.call.threshold("studio_leader_level")]
    require(leader_meets_conditions(project.call, level),
            f"新领办人应具备{needed}及以上职业技能等级（鄂人社发〔2022〕100号 七(四)：按照技能大师的"
            "条件重新确定工作室领办人）。", field="new_leader_level")
    require(bool(CERTIFICATE.match(certificate)),
            "证书编号应为1位字母（Y或S）加21位数字。", field="new_leader_certificate")


@transaction.atomic
def request_change(project: Project, *, by, kind: str, reason: str, document=None,
                   new_name: str = "", new_short_name: str = "", leaving: str = "",
                   new_leader_name: str = "", new_leader_level: str = "",
                   new_leader_certificate: str = "") -> ChangeRequest:
    """The unit applies for a change; it takes effect only when the issuer approves it."""
    locked = lock(project)
    require(rules.can_report(by, locked), "只有建设中项目的建设单位可以提出变更申请。")
    require(kind in ChangeKind.values, "请选择变更事项。", field="kind")
    require(bool(reason and reason.strip()), "请填写变更原因。", field="reason")
    require(not locked.changes.filter(kind=kind, status=ChangeStatus.PENDING).exists(),
            f"已有待核准的“{ChangeKind(kind).label}”申请，请等待核准结果。")
    new_name, new_leader_name = new_name.strip(), new_leader_name.strip()
    change = ChangeRequest(project=locked, kind=kind, reason=reason.strip(), requested_by=by)
    if kind == ChangeKind.RENAME:
        _check_rename(locked, new_name)
        change.old_value, change.new_name = locked.unit.name, new_name
        change.new_short_name = new_short_name.strip()
    elif kind == ChangeKind.LEADER:
        certificate = new_leader_certificate.strip().upper()
        _check_leader(locked, leaving, new_leader_name, new_leader_level, certificate)
        change.old_value, change.leaving = locked.leader_name, leaving
        change.new_leader_name, change.new_leader_level = new_leader_name, new_leader_level
        change.new_leader_certificate = certificate
    else:
        change.old_value = locked.unit.name
        change.unspent_amount = locked.amount - subsidy_spent(locked)
    if document:
        change.document_name, _sha = checked_pdf(document, field="document")
        # a leader change proves the new leader's certificate: personal data, sealed at rest
        save_sealed(change.document, change.document_name, document)
    change.save()
    CHANGE.start(change, by=by, reason=change.reason, label=f"申请{change.get_kind_display()}")
    return change


def _lock_pending(change: ChangeRequest) -> ChangeRequest:
    locked = ChangeRequest.objects.select_for_update().get(pk=change.pk)
    require(CHANGE.can(locked, "approve_change"), "该变更申请已处理。")
    return locked


def _apply_rename(project, change) -> None:
    """The unit keeps its identity; simple-history keeps the old name (100号 七(三))."""
    _check_rename(project, change.new_name)
    unit = Organisation.objects.select_for_update().get(pk=project.unit_id)
    unit.name = change.new_name
    if change.new_short_name:
        unit.short_name = change.new_short_name
    unit._change_reason = f"机构改革/重组更名（建设项目变更申请 {change.pk}）"
    unit.save()


def _apply_leader(project, change) -> None:
    _check_leader(project, change.leaving, change.new_leader_name, change.new_leader_level,
                  change.new_leader_certificate)
    project.leader_name, project.leader_level = change.new_leader_name, change.new_leader_level
    project._change_reason = "变更工作室领办人"
    project.save(update_fields=["leader_name", "leader_level"])


@transaction.atomic
def approve_change(change: ChangeRequest, *, by, comment: str = "") -> ChangeRequest:
    """核准: rename → the project continues under the new name; new leader → continues with
    them; dissolution → the project ends and the unspent funds are recorded for recovery."""
    change = _lock_pending(change)
    project = lock(change.project)
    require(rules.can_decide(by, project), "只有发文单位的审核人员或管理员可以核准变更。")
    require(project.status in OPEN_STATUSES, "项目已不在建设期内，不能核准变更。")
    if change.kind == ChangeKind.RENAME:
        _apply_rename(project, change)
    elif change.kind == ChangeKind.LEADER:
        _apply_leader(project, change)
    else:
        unspent = project.amount - subsidy_spent(project)
        change.unspent_amount = unspent
        move(project, "terminate", by=by, label="单位撤销，终止项目", comment=comment,
             rectification_due=None, payload={"unspent": str(unspent)})
        FundsRecovery.objects.create(project=project, amount=unspent,
                                     reason="单位撤销：未实施的项目资金", recorded_by=by)
    CHANGE.move(change, "approve_change", by=by, reason=comment,
                label=f"核准{change.get_kind_display()}", decided_by=by,
                decided_at=timezone.now(), decision_comment=comment.strip(),
                payload={"from": change.old_value,
                         "to": change.new_name or change.new_leader_name})
    return change


@transaction.atomic
def reject_change(change: ChangeRequest, *, by, comment: str) -> ChangeRequest:
    change = _lock_pending(change)
    project = lock(change.project)
    require(rules.can_decide(by, project), "只有发文单位的审核人员或管理员可以核准变更。")
    require(bool(comment and comment.strip()), "不予核准时请填写理由。", field="comment")
    CHANGE.move(change, "reject_change", by=by, reason=comment,
                label=f"不予核准{change.get_kind_display()}", decided_by=by,
                decided_at=timezone.now(), decision_comment=comment.strip())
    return change
