"""Personal information at rest (个人信息保护法; issue 6 §2): the one cipher of every app —
身份证号 and 手机 in application sections, experts' and objectors' mobiles, second-factor
secrets are encrypted with it, and masked with mask_id / mask_mobile for readers who may not
see them in full.

Values are stored as "enc1:<Fernet token>". The key is settings.FIELD_ENCRYPTION_KEY (env
FIELD_ENCRYPTION_KEY, urlsafe base64 of 32 bytes; settings derives one from SECRET_KEY only when
DEBUG is on and refuses to start in production without it).

Key rotation: generate a new key (`Fernet.generate_key()`), set it as FIELD_ENCRYPTION_KEY and
move the previous key into FIELD_ENCRYPTION_KEYS_OLD (comma-separated). Reads try every key
(MultiFernet), writes use the new one; `rotate(value)` re-encrypts one value with the new key,
and `python manage.py rotate_pii` (core/management) does it for every stored value, after which
the old key can be dropped from FIELD_ENCRYPTION_KEYS_OLD.
"""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

PREFIX = "enc1:"


@lru_cache(maxsize=4)
def _fernet(key: str, old: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(k) for k in (key, *old)])


def _box() -> MultiFernet:
    return _fernet(settings.FIELD_ENCRYPTION_KEY, tuple(settings.FIELD_ENCRYPTION_KEYS_OLD))


def is_encrypted(value) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def encrypt(text: str) -> str:
    """Encrypt a non-empty string; empty stays empty, already-encrypted stays as it is."""
    if not text or is_encrypted(text):
        return text
    return PREFIX + _box().encrypt(str(text).encode()).decode()


def decrypt(text: str) -> str:
    """Decrypt an "enc1:" value; plain values (written before encryption) pass through."""
    if not is_encrypted(text):
        return text
    try:
        return _box().decrypt(text[len(PREFIX):].encode()).decode()
    except InvalidToken as exc:
        raise ValueError("个人信息解密失败：加密密钥与数据不匹配。") from exc


def rotate(text: str) -> str:
    """Re-encrypt with the current key (see the module docstring on rotation)."""
    if not is_encrypted(text):
        return encrypt(text)
    return PREFIX + _box().rotate(text[len(PREFIX):].encode()).decode()


def mask_id(value: str) -> str:
    """150102198001011234 → 150102********1234 (first 6, last 4)."""
    s = (value or "").strip()
    if len(s) <= 10:
        return "*" * len(s)
    return s[:6] + "*" * (len(s) - 10) + s[-4:]


def mask_mobile(value: str) -> str:
    """13912345678 → 139****5678."""
    s = (value or "").strip()
    if len(s) < 8:
        return "*" * len(s)
    return s[:3] + "*" * (len(s) - 7) + s[-4:]
