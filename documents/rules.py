"""Who may export what (permission predicates, named as questions)."""

from orgs.policy import oversees_call
from orgs.roles import Role
from orgs.selectors import holds


def can_export_region(user, call) -> bool:
    """Every recommender's 汇总表 of a call, and the all-region workbook: the reviewers and
    administrators of the organisation that issued the call (orgs.policy)."""
    return oversees_call(user, call)


def can_export_summary(user, call, recommender) -> bool:
    """A recommender's own 附件2 of a call it recommends for, or any (and the all-region
    workbook) for the call's issuer."""
    if can_export_region(user, call):
        return True
    return recommender is not None and holds(user, Role.RECOMMENDER, recommender.pk)
