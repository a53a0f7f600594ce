"""Who may do what with a project: predicates named as questions (pretalx-style)."""

from orgs.policy import oversees_call
from orgs.roles import Role
from orgs.selectors import holds

from .choices import OPEN_STATUSES, ProjectStatus


def _holds(user, role: str, organisation) -> bool:
    """By membership (the guardian object permission), never user.has_perm, which is true for
    every object when the user is a superuser: an administrator is not thereby a unit's user."""
    return organisation is not None and holds(user, role, organisation.pk)


def is_unit_user(user, project) -> bool:
    """An applicant-unit user of the unit that builds the project."""
    return _holds(user, Role.APPLICANT, project.unit)


def is_supervisor(user, project) -> bool:
    """The recommender the unit reports through (旗区/盟市 bureau or direct department)."""
    parent = project.unit.parent
    return _holds(user, Role.RECOMMENDER, parent)


def is_authority(user, project) -> bool:
    """A reviewer or administrator of the organisation that issued the call (核准、验收、撤销)."""
    return oversees_call(user, project.call)


def can_manage(user, project) -> bool:
    return is_supervisor(user, project) or is_authority(user, project)


def can_report(user, project) -> bool:
    return project.status in OPEN_STATUSES and is_unit_user(user, project)


def can_evaluate(user, project) -> bool:
    return project.status in OPEN_STATUSES and can_manage(user, project)


def can_decide(user, project) -> bool:
    return is_authority(user, project)



def has_plaque(project) -> bool:
    """验收合格 → 颁发牌匾 (鄂人社发〔2022〕100号 七(二)): only an accepted project has a plaque
    (a revoked one no longer has)."""
    return project.status == ProjectStatus.ACCEPTED
