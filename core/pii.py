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

Files (issue 14 §5): the bytes of a file that holds personal data are sealed the same way,
b"enc1:" + a Fernet token (encrypt_bytes / decrypt_bytes / rotate_bytes); core.sealed stores
and reads such files, rotate_pii re-seals them under the new key with the values.
"""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

PREFIX = "enc1:"
BYTES_PREFIX = PREFIX.encode()   # no PDF, JPEG, PNG, zip or xlsx starts with it


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


def is_encrypted_bytes(data: bytes) -> bool:
    return data.startswith(BYTES_PREFIX)


def encrypt_bytes(data: bytes) -> bytes:
    """Seal the content of a file; already-sealed content stays as it is."""
    if is_encrypted_bytes(data):
        return data
    return BYTES_PREFIX + _box().encrypt(data)


def decrypt_bytes(data: bytes) -> bytes:
    """The content of sealed bytes; plain bytes (a file that holds no personal data) pass."""
    if not is_encrypted_bytes(data):
        return data
    try:
        return _box().decrypt(data[len(BYTES_PREFIX):])
    except InvalidToken as exc:
        raise ValueError("个人信息文件解密失败：加密密钥与数据不匹配。") from exc


def rotate_bytes(data: bytes) -> bytes:
    """Sealed bytes under the current key: the same object when they already are (so a rerun
    rewrites nothing), re-encrypted when under an old key; plain bytes are returned as they
    are. InvalidToken when no configured key reads them."""
    if not is_encrypted_bytes(data):
        return data
    token = data[len(BYTES_PREFIX):]
    try:
        Fernet(settings.FIELD_ENCRYPTION_KEY).decrypt(token)
    except InvalidToken:
        return BYTES_PREFIX + _box().rotate(token)
    return data


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
