"""Account rules of 等保2.0 level 3: one live session per account, absolute session lifetime,
password expiry. A page's background save (header X-Autosave) whose session has ended — for any
of these reasons, or already logged out — gets a JSON 401 it can show, keeping the typing in the
browser, instead of a redirect to the login page (issue 15 §3). The idle time-out is SESSION_COOKIE_AGE, renewed by activity: the session is
saved again (and its expiry moved) when SESSION_TOUCH_SECONDS have passed since it was last
saved, not on every request: a page view then writes nothing (make bench: one UPDATE less per
request), and the time-out is exact to within that minute."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditAction
from audit.services import record

from .models import AccountState
from .statecache import security_state

ABSOLUTE_KEY = "_login_at"
TOUCH_KEY = "_touched_at"
SESSION_ENDED = "登录已失效，请重新登录；已输入的内容已保存在本机"


def password_max_age() -> timedelta:
    return timedelta(days=getattr(settings, "PASSWORD_MAX_AGE_DAYS", 90))


@receiver(user_logged_in)
def _one_session_per_account(sender, request, user, **kwargs):
    """A new login ends the account's other sessions: the middleware refuses any session but
    the one recorded here, and tells its holder why."""
    now = timezone.now()
    state, _ = AccountState.objects.get_or_create(user=user,
                                                  defaults={"password_changed_at": now})
    state.session_key = request.session.session_key or ""
    state.login_at = now
    state.save(update_fields=["session_key", "login_at"])
    request.session[ABSOLUTE_KEY] = now.timestamp()


# AccountState.session_key after the account's live session logged out
LOGGED_OUT = "logged-out"


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    """The account has no live session now. Sessions are read through the cache (cached_db): a
    copy the logout could not delete there (Redis unreachable for a moment, then back) is
    refused by the middleware all the same, once orgs.statecache reads this row."""
    key = getattr(getattr(request, "session", None), "session_key", None)
    if user is not None and key:
        AccountState.objects.filter(user=user, session_key=key).update(session_key=LOGGED_OUT)


def mark_password_changed(user, request=None) -> None:
    """Call after update_session_auth_hash, which gives the session a new key."""
    defaults = {"password_changed_at": timezone.now()}
    if request is not None:
        defaults["session_key"] = request.session.session_key or ""
    AccountState.objects.update_or_create(user=user, defaults=defaults)
    record(AuditAction.PASSWORD_CHANGED, actor=user, request=request)


def _login_url(request) -> str:
    return f"{reverse('login')}?next={request.path}"


def is_background_save(request) -> bool:
    return request.headers.get("X-Autosave") == "1"


def session_ended(request, reason: str = "") -> JsonResponse:
    """The answer to a background save without a live session: the page says so, links to a
    login that returns to it, and saves the copy it kept once the user is back."""
    return JsonResponse({"ok": False, "login": True, "message": SESSION_ENDED, "reason": reason,
                         "login_url": _login_url(request)}, status=401)


class AccountSecurityMiddleware:
    exempt_prefixes = ("/login/", "/logout/", "/password/", "/static/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response = self._check(request, user)
            if response is not None:
                return response
            self._touch(request)
        elif is_background_save(request):
            return session_ended(request, "登录已超时或已退出。")
        return self.get_response(request)

    @staticmethod
    def _touch(request):
        """Mark the session modified (so it is saved with a new expiry) at most once per
        SESSION_TOUCH_SECONDS."""
        now = int(timezone.now().timestamp())
        every = getattr(settings, "SESSION_TOUCH_SECONDS", 60)
        if now - int(request.session.get(TOUCH_KEY, 0)) >= every:
            request.session[TOUCH_KEY] = now

    def _end(self, request, reason):
        user = request.user
        logout(request)
        record(AuditAction.SESSION_ENDED, actor=user, request=request, reason=reason)
        messages.warning(request, reason)
        if is_background_save(request):
            return session_ended(request, reason)
        return redirect(_login_url(request))

    def _check(self, request, user):
        session_key, password_changed_at = security_state(user)  # cached: orgs.statecache
        if session_key == "reset":
            return self._end(request, "您的动态口令已被系统管理员重置，请重新登录并绑定新的身份验证器。")
        if session_key == LOGGED_OUT:
            return self._end(request, "您已退出登录，请重新登录。")
        if session_key and session_key != request.session.session_key:
            return self._end(request, "您的账号已在其他地方登录，当前会话已结束。")
        started = request.session.get(ABSOLUTE_KEY)
        limit = getattr(settings, "SESSION_ABSOLUTE_SECONDS", 12 * 3600)
        if started and timezone.now().timestamp() - started > limit:
            return self._end(request, "登录时间已超过上限，请重新登录。")
        if (password_changed_at
                and timezone.now() - password_changed_at > password_max_age()
                and not request.path.startswith(self.exempt_prefixes)):
            messages.warning(request, "您的密码已超过90天未修改，请先修改密码。")
            return redirect("password_change")
        return None
