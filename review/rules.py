"""Who may do what in the provincial review (predicates, named as questions)."""

from orgs.roles import Role
from orgs.selectors import has_role


def is_admin(user) -> bool:
    return has_role(user, Role.ADMIN)


def can_review(user, call) -> bool:
    """The call's issuer's reviewers (人社厅 staff) run its review; administrators see all."""
    return is_admin(user) or has_role(user, Role.REVIEWER, call.issuer)


def is_expert(user) -> bool:
    return has_role(user, Role.EXPERT)


def can_see_personal_info(user) -> bool:
    """Experts' mobiles and objectors' contacts: reviewers and administrators only."""
    return is_admin(user) or has_role(user, Role.REVIEWER)


def is_chair(user, panel) -> bool:
    return panel.chair_id is not None and panel.chair.user_id == user.id


def can_run_panel(user, panel) -> bool:
    """The chair steers scoring (reopen, close); the reviewers may do it too."""
    return is_chair(user, panel) or can_review(user, panel.call)


def panel_size_problem(call, n: int) -> str | None:
    """附件3 表5 说明: 专家人数不得少于5人；专家人数应为单数 (minimum from the call)."""
    minimum = call.threshold("panel_min_experts")
    if n < minimum:
        return f"专家人数不得少于{minimum}人（当前 {n} 人）。"
    if n % 2 == 0:
        return f"专家人数应为单数（当前 {n} 人）。"
    return None
