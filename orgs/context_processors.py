from .models import OrgKind
from .roles import Role, review_label
from .selectors import memberships_of


def memberships(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    ms = list(memberships_of(user))
    return {"my_memberships": ms, "my_roles": {m.role for m in ms},
            "review_label": _review_menu(ms)}


def _review_menu(memberships) -> str:
    """The menu entry of the review pages: 自治区复审 for the region's reviewers and
    administrators, the city's own name for a city bureau that reviews its own call."""
    orgs = [m.organisation for m in memberships if m.role in (Role.REVIEWER, Role.ADMIN)]
    if not orgs or any(o.kind == OrgKind.REGION for o in orgs):
        return "自治区复审"
    return review_label(orgs[0])
