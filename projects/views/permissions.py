"""What the current user may do with a project right now; drives buttons and guards views."""

from django.http import Http404

from .. import rules
from ..choices import OPEN_STATUSES, ProjectStatus


def permissions(user, project) -> dict:
    is_open = project.status in OPEN_STATUSES
    unit = rules.is_unit_user(user, project)
    decide = rules.can_decide(user, project)
    return {
        "report": unit and is_open,
        "evaluate": rules.can_evaluate(user, project),
        "release": decide and project.status == ProjectStatus.CONSTRUCTION,
        "apply": unit and project.status in (ProjectStatus.CONSTRUCTION, ProjectStatus.RECTIFYING)
        and project.released_on is not None,
        "decide": decide and project.status == ProjectStatus.AWAITING_ACCEPTANCE,
        "revoke": decide and project.status != ProjectStatus.REVOKED
        and project.status != ProjectStatus.TERMINATED,
        "decide_changes": decide and is_open,
        "plaque": rules.has_plaque(project),
    }


def allowed(user, project, action: str) -> None:
    """404 unless `user` may take `action` on `project` now (the service checks again)."""
    if not permissions(user, project)[action]:
        raise Http404
