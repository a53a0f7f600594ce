"""The application transitions the review performs, on top of declare's table."""

from core.errors import DomainError
from declare.models import TRANSITIONS, ApplicationStatus

from ..integration import record_event

_S = ApplicationStatus
REVIEW_TRANSITIONS = {
    "accept": TRANSITIONS["accept"],        # 受理
    "approve": TRANSITIONS["approve"],      # 拟推荐备案
    "reject": TRANSITIONS["reject"],        # 超出名额不予受理 / 未入选
    "reconsider": ((_S.APPROVED, _S.REJECTED), _S.ACCEPTED),  # 公示前调整复审决定
    "revoke": ((_S.APPROVED,), _S.REJECTED),                  # 异议成立，撤销拟推荐
}
LABELS = {"accept": "受理", "approve": "拟推荐备案", "reject": "确定为未入选",
          "reconsider": "调整复审决定", "revoke": "撤销拟推荐"}


def transition(application, action: str, *, by, comment: str = "", payload=None) -> None:
    """Move a locked application along REVIEW_TRANSITIONS and write its timeline entry."""
    allowed, to_status = REVIEW_TRANSITIONS[action]
    if application.status not in allowed:
        raise DomainError(f"{application.reference}当前状态为“{application.get_status_display()}”，"
                          f"不能{LABELS[action]}。")
    before = application.status
    application.status = to_status
    application.save(update_fields=["status", "updated_at"])
    record_event(application, by=by, action=action, from_status=before, to_status=to_status,
                 comment=comment, payload=payload)
