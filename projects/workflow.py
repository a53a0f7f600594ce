"""The project's state machine after the award (鄂人社发〔2022〕100号 七): construction,
acceptance or rectification, revocation or termination; and its change requests (七(三)、(四))."""

from core.workflow import Action, Workflow

from .choices import OPEN_STATUSES, ChangeStatus, ProjectStatus
from .models import ProjectEvent

S = ProjectStatus
_LIVE = tuple(OPEN_STATUSES)


def _timeline(project, name, *, by, before, after, reason, payload, label):
    """ProjectEvent keeps the label as written (撤销称号（弄虚作假）); a step that changes no
    status has no from/to."""
    if before == after:
        before = after = ""
    return ProjectEvent.objects.create(project=project, actor=by, action=label[:40],
                                       from_status=before, to_status=after,
                                       comment=reason or "", payload=payload)


PROJECT = Workflow("项目", ProjectStatus, [
    Action("create", "立项", (), S.CONSTRUCTION),
    Action("apply_for_acceptance", "申请验收", (S.CONSTRUCTION, S.RECTIFYING),
           S.AWAITING_ACCEPTANCE),
    Action("accept", "验收合格", (S.AWAITING_ACCEPTANCE,), S.ACCEPTED),
    Action("require_rectification", "验收不合格，限期整改", (S.AWAITING_ACCEPTANCE,),
           S.RECTIFYING),
    Action("revoke", "撤销称号", (*_LIVE, S.ACCEPTED), S.REVOKED),
    Action("terminate", "终止项目", _LIVE, S.TERMINATED),
], timeline=_timeline)


def _change_timeline(change, name, *, by, before, after, reason, payload, label):
    """A change request is recorded on its project's timeline (申请/核准/不予核准 + the kind)."""
    return ProjectEvent.objects.create(project_id=change.project_id, actor=by, action=label[:40],
                                       comment=reason or "", payload={"change": change.pk,
                                                                      **payload})


CHANGE = Workflow("变更申请", ChangeStatus, [
    Action("request_change", "申请变更", (), ChangeStatus.PENDING),
    Action("approve_change", "核准变更", (ChangeStatus.PENDING,), ChangeStatus.APPROVED),
    Action("reject_change", "不予核准变更", (ChangeStatus.PENDING,), ChangeStatus.REJECTED),
], timeline=_change_timeline)
