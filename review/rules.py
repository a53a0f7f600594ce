"""Who may do what in the provincial review (predicates, named as questions)."""

from orgs.policy import oversees, oversees_call
from orgs.roles import Role
from orgs.selectors import has_role


def can_review(user, call) -> bool:
    """The reviewers and administrators of the organisation that issued the call run its review
    (orgs.policy); a role in another organisation grants nothing."""
    return oversees_call(user, call)


def is_expert(user) -> bool:
    return has_role(user, Role.EXPERT)


def can_keep_pool(user, pool_id) -> bool:
    """The 专家库 of an issuing organisation (experts, their mobiles): its own reviewers and
    administrators only."""
    return oversees(user, pool_id)


def can_see_personal_info(user, call) -> bool:
    """Objectors' contacts and other personal data of a call's review: the reviewers and
    administrators of the organisation that issued it."""
    return oversees_call(user, call)


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
