"""Who may do what with an application: predicates named as questions.

Role membership is read through orgs.selectors.holds (the guardian object
permission), never user.has_perm, so a superuser gets no applicant or recommender powers.
"""

from orgs.roles import Role
from orgs.selectors import holds

from .models import ApplicationStatus


def _holds(user, role: str, organisation_id) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return holds(user, role, organisation_id)


def is_applicant_of(user, application) -> bool:
    """An applicant-unit user of the application's own unit."""
    return _holds(user, Role.APPLICANT, application.unit_id)


def is_recommender_of(user, application) -> bool:
    """A recommender user of the unit's parent organisation (按隶属关系)."""
    return _holds(user, Role.RECOMMENDER, application.unit.parent_id)


def can_edit(user, application) -> bool:
    """Sections and materials change only while draft or returned, by the unit itself."""
    return application.is_editable and is_applicant_of(user, application)


def can_submit(user, application) -> bool:
    return can_edit(user, application)


def can_withdraw(user, application) -> bool:
    """Before the recommender decides (the status is still 已提交推荐单位)."""
    return (application.status == ApplicationStatus.SUBMITTED
            and is_applicant_of(user, application))


def can_return(user, application) -> bool:
    return (application.status == ApplicationStatus.SUBMITTED
            and is_recommender_of(user, application))
