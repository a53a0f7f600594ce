"""The encrypted archive format: AES-256-GCM in chunks (the STREAM construction).

A header (magic, the key's fingerprint, a random nonce prefix) is followed by chunks of at most
CHUNK bytes, each sealed with the nonce prefix + its counter + a final flag and the header as
associated data. So a changed byte fails the chunk's tag, reordered or dropped chunks fail
their counter, and an archive cut short lacks the chunk marked final: each is refused, never
read as a shorter backup. The key is BACKUP_ENCRYPTION_KEY (urlsafe base64 of 32 bytes), not
the field-encryption key: whoever holds the backups does not hold the personal data's key.
"""

import base64
import hashlib
import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from core.errors import DomainError

MAGIC = b"SKBAK\x00\x01\n"
CHUNK = 1024 * 1024
TAG = 16
_LEN = struct.Struct(">I")


def parse_key(text: str) -> bytes:
    """The 32-byte key from its urlsafe base64 text (Fernet.generate_key() makes one)."""
    try:
        key = base64.urlsafe_b64decode(text.encode())
    except (ValueError, TypeError):
        key = b""
    if len(key) != 32:
        raise DomainError("BACKUP_ENCRYPTION_KEY 格式不正确：应为32字节密钥的 urlsafe base64 编码"
                          "（python -c 'from cryptography.fernet import Fernet; "
                          "print(Fernet.generate_key().decode())' 生成）")
    return key


def fingerprint(key: bytes) -> str:
    return hashlib.sha256(b"skill-backup-key:" + key).hexdigest()[:16]


def _nonce(prefix: bytes, counter: int, final: bool) -> bytes:
    return prefix + struct.pack(">I", counter) + (b"\x01" if final else b"\x00")


class EncryptingWriter:
    """A write-only file object: what is written is sealed chunk by chunk into `raw`."""

    def __init__(self, raw, key: bytes):
        self.raw, self.aead, self.counter, self.buffer = raw, AESGCM(key), 0, bytearray()
        self.prefix = os.urandom(7)
        self.header = MAGIC + bytes.fromhex(fingerprint(key)) + self.prefix
        raw.write(self.header)

    def write(self, data) -> int:
        self.buffer += data
        while len(self.buffer) > CHUNK:
            self._seal(bytes(self.buffer[:CHUNK]), final=False)
            del self.buffer[:CHUNK]
        return len(data)

    def _seal(self, plain: bytes, *, final: bool) -> None:
        sealed = self.aead.encrypt(_nonce(self.prefix, self.counter, final), plain, self.header)
        self.raw.write(_LEN.pack(len(sealed)) + sealed)
        self.counter += 1

    def close(self) -> None:
        """Writes the last chunk, marked final; without it the archive reads as truncated."""
        self._seal(bytes(self.buffer), final=True)
        self.buffer.clear()


TAMPERED = "备份文件已被篡改或损坏（第 {n} 段校验失败），拒绝恢复。"
TRUNCATED = "备份文件不完整（在第 {n} 段处被截断），拒绝恢复。"


class DecryptingReader:
    """A read-only file object over an archive written by EncryptingWriter; raises DomainError
    (Chinese) at the first chunk that fails its tag and at an end before the final chunk."""

    def __init__(self, raw, key: bytes):
        self.raw, self.aead, self.counter, self.done = raw, AESGCM(key), 0, False
        self.plain, self.pos = b"", 0
        self.header = raw.read(len(MAGIC) + 8 + 7)
        if len(self.header) < len(MAGIC) + 15 or not self.header.startswith(MAGIC):
            raise DomainError("这不是本系统的备份文件（文件头不符），拒绝恢复。")
        found = self.header[len(MAGIC):len(MAGIC) + 8].hex()
        if found != fingerprint(key):
            raise DomainError(f"备份使用的是另一把密钥（指纹 {found}，当前 BACKUP_ENCRYPTION_KEY 的指纹 "
                              f"{fingerprint(key)}），无法解密。")
        self.prefix = self.header[-7:]

    def _next_chunk(self) -> None:
        head = self.raw.read(_LEN.size)
        if len(head) < _LEN.size:
            raise DomainError(TRUNCATED.format(n=self.counter + 1))
        (size,) = _LEN.unpack(head)
        sealed = self.raw.read(size) if TAG <= size <= CHUNK + TAG else b""
        if len(sealed) != size or not sealed:
            raise DomainError(TRUNCATED.format(n=self.counter + 1))
        for final in (False, True):
            try:
                plain = self.aead.decrypt(_nonce(self.prefix, self.counter, final), sealed,
                                          self.header)
            except InvalidTag:
                continue
            self.plain, self.pos, self.counter, self.done = plain, 0, self.counter + 1, final
            if final and self.raw.read(1):
                raise DomainError(TAMPERED.format(n=self.counter + 1))
            return
        raise DomainError(TAMPERED.format(n=self.counter + 1))

    def read(self, size: int = -1) -> bytes:
        out = bytearray()
        while size < 0 or len(out) < size:
            left = len(self.plain) - self.pos
            if not left:
                if self.done:
                    break
                self._next_chunk()
                continue
            take = left if size < 0 else min(size - len(out), left)
            out += self.plain[self.pos:self.pos + take]
            self.pos += take
        return bytes(out)
