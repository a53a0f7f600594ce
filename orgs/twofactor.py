"""The second factor (TOTP, RFC 6238) of 等保2.0 双因素: mandatory for reviewer and administrator
accounts, a code good once (replay guard), wrong codes counted per account across logins and
locked like passwords, single-use recovery codes, and an audited reset by an administrator.

The TOTP algorithm is pyotp's. django-otp was weighed (issue 14) and not taken: its TOTPDevice
and StaticToken keep the secret and the recovery codes in clear, where a copy of the database
would yield working codes; here the secret is encrypted (core.pii) and the codes hashed."""

import base64
import hashlib
import secrets
from datetime import timedelta
from enum import StrEnum

import pyotp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.models import AuditAction
from audit.services import record
from core.pii import decrypt, encrypt

from .models import AccountState, RecoveryCode
from .roles import Role
from .selectors import memo_of

ISSUER = "技能人才项目申报评审系统"
SECOND_FACTOR_ROLES = (Role.REVIEWER, Role.ADMIN)
PENDING_KEY = "_2fa_pending_user"
RECOVERY_CODES = 10
STEP = 30  # seconds, RFC 6238


class Verdict(StrEnum):
    OK = "ok"
    WRONG = "wrong"
    REPLAY = "replay"
    LOCKED = "locked"
    ABSENT = "absent"


MESSAGES = {
    Verdict.WRONG: "动态口令不正确，请查看身份验证器中的6位数字。",
    Verdict.REPLAY: "该动态口令已使用过，请等待身份验证器显示下一个口令后再输入。",
    Verdict.LOCKED: "动态口令连续错误次数过多，账号已临时锁定30分钟，请稍后再试或联系系统管理员。",
    Verdict.ABSENT: "该账号尚未绑定动态口令。",
}


def message(verdict: Verdict) -> str:
    return MESSAGES.get(verdict, "")


def failure_limit() -> int:
    return getattr(settings, "AXES_FAILURE_LIMIT", 5)


def lock_time() -> timedelta:
    return getattr(settings, "AXES_COOLOFF_TIME", timedelta(minutes=30))


def needs_second_factor(user) -> bool:
    """Reviewers, administrators and the admin site's staff must have one; nobody else uses it."""
    memo = memo_of(user)
    roles = memo.roles() if memo is not None else set(
        user.memberships.values_list("role", flat=True))
    return bool(roles & set(SECOND_FACTOR_ROLES)) or user.is_staff or user.is_superuser



def state_of(user) -> AccountState:
    state, _ = AccountState.objects.get_or_create(user=user)
    return state


def stored_state(user) -> AccountState | None:
    """The account's second-factor state as stored, without creating it (a GET only reads)."""
    return AccountState.objects.filter(user=user).first()


def enrolled(user) -> bool:
    """The account has a second factor switched on (the login asks for a code)."""
    return AccountState.objects.filter(user=user, totp_enabled=True).exists()


def new_secret(user) -> str:
    """Start (or restart) enrolment: a fresh secret, stored encrypted, not yet enabled. Made on
    the POST that starts enrolment, never on showing the page."""
    state = state_of(user)
    secret = pyotp.random_base32()
    state.totp_secret = encrypt(secret)  # a stolen database must not yield working codes
    state.totp_enabled = False
    state.totp_last_step = None
    state.save(update_fields=["totp_secret", "totp_enabled", "totp_last_step"])
    return secret


def secret_of(state: AccountState) -> str:
    return decrypt(state.totp_secret) if state.totp_secret else ""


def provisioning_qr(user, secret: str) -> str:
    """The otpauth:// URI as an SVG data URI (no external service, CSP img-src data:)."""
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.get_username(), issuer_name=ISSUER)
    img = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return "data:image/svg+xml;base64," + base64.b64encode(img.to_string()).decode()


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def _normal(code: str) -> str:
    return "".join((code or "").split()).replace("-", "").lower()


def _matching_step(secret: str, code: str, now: float) -> int | None:
    """The time step (±1 for clock drift) whose code is `code`."""
    totp = pyotp.TOTP(secret)
    here = int(now // STEP)
    for step in (here, here - 1, here + 1):
        if secrets.compare_digest(totp.at(step * STEP), code):
            return step
    return None


def _fail(state: AccountState, now) -> Verdict:
    state.totp_failures += 1
    fields = ["totp_failures"]
    if state.totp_failures >= failure_limit():
        state.totp_locked_until, state.totp_failures = now + lock_time(), 0
        fields.append("totp_locked_until")
        record(AuditAction.LOGIN_FAILED, actor=state.user, step="totp", reason="locked")
    state.save(update_fields=fields)
    return Verdict.LOCKED if "totp_locked_until" in fields else Verdict.WRONG


def check(user, code: str, *, enrolling: bool = False) -> Verdict:
    """Judge a code (a 6-digit TOTP code or a recovery code) for the account. A code is good once;
    a wrong code counts towards the lock. Rows are locked so two requests cannot both use one
    code. `enrolling` judges the not-yet-enabled secret of enrolment (no recovery codes)."""
    now = timezone.now()
    with transaction.atomic():
        state = AccountState.objects.select_for_update().filter(user=user).first()
        if state is None or not state.totp_secret or (not enrolling and not state.totp_enabled):
            return Verdict.ABSENT
        if state.totp_locked_until and state.totp_locked_until > now:
            return Verdict.LOCKED
        code = _normal(code)
        if code.isdigit() and len(code) == 6:
            step = _matching_step(secret_of(state), code, now.timestamp())
            if step is not None and state.totp_last_step is not None \
                    and step <= state.totp_last_step:
                return Verdict.REPLAY
            if step is not None:
                state.totp_last_step, state.totp_failures = step, 0
                state.totp_locked_until = None
                state.save(update_fields=["totp_last_step", "totp_failures",
                                          "totp_locked_until"])
                return Verdict.OK
        elif not enrolling and len(code) == 10:
            used = RecoveryCode.objects.filter(user=user, code_hash=_hash(code),
                                               used_at__isnull=True).update(used_at=now)
            if used:
                state.totp_failures, state.totp_locked_until = 0, None
                state.save(update_fields=["totp_failures", "totp_locked_until"])
                record(AuditAction.LOGIN, actor=user, step="recovery_code",
                       left=recovery_codes_left(user))
                return Verdict.OK
        return _fail(state, now)


def verify(user, code: str) -> bool:
    return check(user, code) == Verdict.OK


def enable(user, code: str) -> bool:
    if check(user, code, enrolling=True) != Verdict.OK:
        return False
    AccountState.objects.filter(user=user).update(totp_enabled=True)
    return True


def disable(user) -> None:
    AccountState.objects.filter(user=user).update(totp_enabled=False, totp_secret="",
                                                  totp_last_step=None)
    RecoveryCode.objects.filter(user=user).delete()


def new_recovery_codes(user) -> list[str]:
    """Replace the account's recovery codes with RECOVERY_CODES fresh ones, returned in clear
    once (xxxxx-xxxxx, letters and digits without look-alikes)."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    codes = ["".join(secrets.choice(alphabet) for _ in range(10)) for _ in range(RECOVERY_CODES)]
    with transaction.atomic():
        RecoveryCode.objects.filter(user=user).delete()
        RecoveryCode.objects.bulk_create(RecoveryCode(user=user, code_hash=_hash(c))
                                         for c in codes)
    return [f"{c[:5]}-{c[5:]}" for c in codes]


def recovery_codes_left(user) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def reset(user, *, by, request=None) -> None:
    """An administrator's reset (a lost phone): the factor and its recovery codes are removed,
    the account's session ends, and the next login enrols afresh. Audited."""
    disable(user)
    AccountState.objects.filter(user=user).update(session_key="reset", totp_failures=0,
                                                  totp_locked_until=None)
    record(AuditAction.PERMISSION_REVOKED, actor=by, obj=user, request=request,
           factor="totp", reset_of=user.get_username())
