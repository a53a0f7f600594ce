"""The project's state machine after the award (鄂人社发〔2022〕100号 七): construction,
acceptance or rectification, revocation or termination."""

from core.workflow import Action, Workflow

from .choices import OPEN_STATUSES, ProjectStatus
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
