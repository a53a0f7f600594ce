"""Optional second factor (TOTP, RFC 6238) for reviewer and admin accounts (等保2.0 双因素)."""

import base64

import pyotp
import qrcode
import qrcode.image.svg

from core.pii import decrypt, encrypt

from .models import AccountState
from .roles import Role

ISSUER = "技能人才项目申报评审系统"
SECOND_FACTOR_ROLES = (Role.REVIEWER, Role.ADMIN)
PENDING_KEY = "_2fa_pending_user"


def may_use_second_factor(user) -> bool:
    return user.memberships.filter(role__in=SECOND_FACTOR_ROLES).exists()


def state_of(user) -> AccountState:
    state, _ = AccountState.objects.get_or_create(user=user)
    return state


def requires_second_factor(user) -> bool:
    return AccountState.objects.filter(user=user, totp_enabled=True).exists()


def stored_state(user) -> AccountState | None:
    """The account's second-factor state as stored, without creating it (a GET only reads)."""
    return AccountState.objects.filter(user=user).first()


def new_secret(user) -> str:
    """Start (or restart) enrolment: a fresh secret, stored encrypted, not yet enabled. Made on
    the POST that starts enrolment, never on showing the page."""
    state = state_of(user)
    secret = pyotp.random_base32()
    state.totp_secret = encrypt(secret)  # a stolen database must not yield working codes
    state.totp_enabled = False
    state.save(update_fields=["totp_secret", "totp_enabled"])
    return secret


def secret_of(state: AccountState) -> str:
    return decrypt(state.totp_secret) if state.totp_secret else ""


def provisioning_qr(user, secret: str) -> str:
    """The otpauth:// URI as an SVG data URI (no external service, CSP img-src data:)."""
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.get_username(), issuer_name=ISSUER)
    img = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return "data:image/svg+xml;base64," + base64.b64encode(img.to_string()).decode()


def verify(user, code: str) -> bool:
    state = stored_state(user)
    if not state or not state.totp_secret:
        return False
    code = "".join((code or "").split())
    return code.isdigit() and pyotp.TOTP(secret_of(state)).verify(code, valid_window=1)


def enable(user, code: str) -> bool:
    if not verify(user, code):
        return False
    AccountState.objects.filter(user=user).update(totp_enabled=True)
    return True


def disable(user) -> None:
    AccountState.objects.filter(user=user).update(totp_enabled=False, totp_secret="")
