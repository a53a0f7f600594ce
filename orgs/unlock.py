"""The lock-out that cannot be used as a weapon (issue 14 §8).

The per-account lock-out stays (django-axes: 5 failed passwords lock the account for 30
minutes, 等保2.0), but anyone who knew a username could lock its owner out. Two answers:

- an address that fails many logins, across accounts, is refused before it reaches any password
  (LoginThrottleMiddleware): LOGIN_IP_FAILURE_LIMIT failures within LOGIN_IP_WINDOW_SECONDS.
  The failures are counted where they are already written, the audit log (failed passwords,
  failed second-factor steps, failed unlocks, refused attempts while throttled — so an address
  that keeps trying stays refused);
- the locked user unlocks at once: by a single-use link mailed to the account's address
  (valid UNLOCK_LINK_SECONDS), or by a current code of the second factor
  (orgs.twofactor.verify, which refuses replays and counts failures).

Each unlock resets axes for that username only and is audited (AuditAction.UNLOCK).
"""

import logging
import time
from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from axes.utils import reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditAction, AuditLog, AuditResult
from audit.services import client_ip, record
from core.errors import DomainError

from . import twofactor
from .models import AccountState

log = logging.getLogger(__name__)

LINK_SALT = "orgs.unlock.link"
LINKS_PER_LOCK = 3  # mails one locked account may be sent within a link's lifetime
THROTTLED_VIEWS = {"login", "login_otp", "orgs:unlock_email", "orgs:unlock_link",
                   "orgs:unlock_code"}
WRONG_CODE = "用户名或动态口令不正确（须为已启用动态口令的账号），请查看身份验证器中的6位数字。"
SPENT = "该解锁链接已使用过或已失效（每个链接只能使用一次）。如账号仍被锁定，请回到登录页重新申请。"
INVALID = "解锁链接无效，请确认打开的是邮件中的完整链接。"


def minutes(seconds: int) -> int:
    return max(1, seconds // 60)


# --- the per-address throttle ------------------------------------------------------------

def failures_from(ip: str) -> int:
    since = timezone.now() - timedelta(seconds=settings.LOGIN_IP_WINDOW_SECONDS)
    return (AuditLog.objects.filter(ip=ip, created_at__gte=since,
                                    action__in=(AuditAction.LOGIN_FAILED, AuditAction.UNLOCK))
            .exclude(result=AuditResult.SUCCESS).count())


def throttled(request) -> bool:
    """Has the client's address failed too many logins, across accounts, just now?"""
    ip = client_ip(request)
    return ip is not None and failures_from(ip) >= settings.LOGIN_IP_FAILURE_LIMIT


class LoginThrottleMiddleware:
    """Refuses a POST to the login and unlock views from a throttled address, before any
    password or code is checked (so it can neither guess nor lock any more accounts)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.resolver_match.view_name not in THROTTLED_VIEWS:
            return None
        if not throttled(request):
            return None
        record(AuditAction.LOGIN_FAILED, result=AuditResult.DENIED, request=request,
               actor_name=str(request.POST.get("username", ""))[:150], reason="ip_throttled")
        return render(request, "registration/throttled.html",
                      {"minutes": minutes(settings.LOGIN_IP_WINDOW_SECONDS)}, status=429)


# --- unlocking ---------------------------------------------------------------------------

def _account(username: str):
    users = get_user_model()._default_manager
    return users.filter(**{get_user_model().USERNAME_FIELD: username, "is_active": True}).first()


def is_locked(request, username: str) -> bool:
    return AxesProxyHandler.is_locked(request, {"username": username})


def _links_sent(username: str) -> int:
    since = timezone.now() - timedelta(seconds=settings.UNLOCK_LINK_SECONDS)
    return AuditLog.objects.filter(action=AuditAction.UNLOCK, actor_name=username,
                                   created_at__gte=since, detail__step="link_sent").count()


def _link_refusal(request, user, username: str) -> str:
    if user is None:
        return "no_account"
    if not user.email:
        return "no_email"
    if not is_locked(request, username):
        return "not_locked"
    if _links_sent(username) >= LINKS_PER_LOCK:
        return "too_many_links"
    return ""


def send_link(request, username: str) -> None:
    """Mail a single-use unlock link to a locked account's address. The page that asked says
    the same whatever happened (no account, not locked, no address), so it tells a stranger
    nothing about the account; the audit log says what did happen."""
    user = _account(username)
    refusal = _link_refusal(request, user, username)
    if refusal:
        record(AuditAction.UNLOCK, result=AuditResult.DENIED, request=request,
               actor_name=username, method="email", step="link", reason=refusal)
        return
    token = signing.dumps({"u": user.pk, "t": time.time()}, salt=LINK_SALT)
    link = request.build_absolute_uri(reverse("orgs:unlock_link", args=[token]))
    valid = minutes(settings.UNLOCK_LINK_SECONDS)
    body = (f"{user.get_full_name() or username}：\n\n您的账号 {username} 因连续登录失败已被锁定。"
            f"如是您本人申请解锁，请在{valid}分钟内打开下面的链接（只能使用一次）：\n\n{link}\n\n"
            "如非本人操作，请忽略本邮件：账号将在锁定期满后自动解锁，建议您登录后修改密码。")
    try:
        send_mail("【账号解锁】技能人才项目申报评审系统", body, settings.DEFAULT_FROM_EMAIL,
                  [user.email])
    except OSError:  # smtplib's errors included
        log.exception("unlock mail to user %s failed", user.pk)
        record(AuditAction.UNLOCK, result=AuditResult.FAILURE, request=request, actor=user,
               obj=user, method="email", step="link", reason="mail_failed")
        return
    record(AuditAction.UNLOCK, request=request, actor=user, obj=user, method="email",
           step="link_sent")


def read_link(token: str) -> tuple:
    """(user, issued at) of a valid, unspent link; else DomainError in Chinese. Reads only."""
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=settings.UNLOCK_LINK_SECONDS)
    except signing.SignatureExpired as exc:
        raise DomainError(f"解锁链接已过期（有效期{minutes(settings.UNLOCK_LINK_SECONDS)}分钟），"
                          "请回到登录页重新申请。") from exc
    except signing.BadSignature as exc:
        raise DomainError(INVALID) from exc
    user = get_user_model()._default_manager.filter(pk=data["u"], is_active=True).first()
    if user is None:
        raise DomainError(INVALID)
    if _spent(AccountState.objects.filter(user=user).first(), data["t"]):
        raise DomainError(SPENT)
    return user, data["t"]


def _spent(state, issued: float) -> bool:
    return bool(state and state.unlocked_at and state.unlocked_at.timestamp() >= issued)


def _unlock(request, user, *, method: str, issued: float | None = None) -> None:
    """Spend every link issued so far, then clear axes' failures for this username only."""
    with transaction.atomic():
        AccountState.objects.get_or_create(user=user,
                                           defaults={"password_changed_at": timezone.now()})
        state = AccountState.objects.select_for_update().get(user=user)
        if issued is not None and _spent(state, issued):  # the same link, clicked twice at once
            raise DomainError(SPENT)
        state.unlocked_at = timezone.now()
        state.save(update_fields=["unlocked_at"])
    cleared = reset(username=user.get_username())
    record(AuditAction.UNLOCK, request=request, actor=user, obj=user, method=method,
           attempts_cleared=cleared)


def _refused(request, exc: DomainError, *, method: str, username: str = ""):
    record(AuditAction.UNLOCK, result=AuditResult.FAILURE, request=request,
           actor_name=username, method=method, reason=exc.message)
    raise exc


def unlock_by_link(request, token: str):
    """Unlock with the mailed link (once, within its lifetime)."""
    try:
        user, issued = read_link(token)
        _unlock(request, user, method="email", issued=issued)
    except DomainError as exc:
        _refused(request, exc, method="email")
    return user


def unlock_by_code(request, *, username: str, code: str):
    """Unlock with a current code of the account's second factor."""
    user = _account(username)
    if user is None or not twofactor.enrolled(user) \
            or not twofactor.verify(user, code):
        _refused(request, DomainError(WRONG_CODE, field="code"), method="totp",
                 username=username)
    _unlock(request, user, method="totp")
    return user
