"""Who may do what in the provincial review (predicates, named as questions)."""

from orgs.policy import oversees_call
from orgs.roles import Role
from orgs.selectors import has_role


def can_review(user, call) -> bool:
    """The reviewers and administrators of the organisation that issued the call run its review
    (orgs.policy); a role in another organisation grants nothing."""
    return oversees_call(user, call)


def is_expert(user) -> bool:
    return has_role(user, Role.EXPERT)


def is_chair(user, panel) -> bool:
    return panel.chair_id is not None and panel.chair.user_id == user.id


def can_run_panel(user, panel) -> bool:
    """The chair steers scoring (reopen, close); the reviewers may do it too."""
    return is_chair(user, panel) or can_review(user, panel.call)



def can_export(user, call) -> bool:
    """The review's workbooks (review/exports.py: scores and 评审意见, 联系人, 异议, 答辩): the
    reviewers and administrators of the organisation that issued the call (orgs.policy)."""
    return oversees_call(user, call)
def can_discuss(user, panel, application, *, assigned: bool, conflicted: bool) -> bool:
    """专家组讨论 of one project: the reviewers; the chair unless conflicted with it; the
    experts assigned to it (a conflicted expert is never assigned)."""
    if can_review(user, panel.call):
        return True
    if conflicted:
        return False
    return assigned or is_chair(user, panel)
