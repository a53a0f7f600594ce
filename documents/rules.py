"""Who may export what (permission predicates, named as questions)."""

from orgs.roles import Role
from orgs.selectors import has_role


def can_export_region(user) -> bool:
    """Provincial reviewers and administrators see every recommender's 汇总表."""
    return has_role(user, Role.REVIEWER) or has_role(user, Role.ADMIN)


def can_export_summary(user, recommender) -> bool:
    """A recommender's own 附件2, or any (and the all-region workbook) for the province."""
    if can_export_region(user):
        return True
    return recommender is not None and has_role(user, Role.RECOMMENDER, recommender)
