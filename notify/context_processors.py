from .services import unread_count


def unread(request):
    """The badge of 消息通知, read lazily: pages that do not show the bar pay nothing."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    memo = {}

    def count():
        if "n" not in memo:
            memo["n"] = unread_count(user)
        return memo["n"]
    return {"unread_notifications": count}
