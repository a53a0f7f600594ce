"""Per-request memo of the signed-in user's roles (see orgs.selectors.RoleMemo)."""

from .selectors import MEMO_ATTR, RoleMemo


class RoleMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            setattr(user, MEMO_ATTR, RoleMemo(user))
        return self.get_response(request)
