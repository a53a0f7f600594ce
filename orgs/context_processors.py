from .selectors import memberships_of


def memberships(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    ms = list(memberships_of(user))
    return {"my_memberships": ms, "my_roles": {m.role for m in ms}}
