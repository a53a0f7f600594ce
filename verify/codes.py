"""The verification code printed on every page of an official PDF: `JD0042-v3-p07-8F3K`.

The parts: the document (the application reference's short form and version, or `D00012` for a
document not tied to one application), the page number, and a check part: four characters of
an HMAC (server secret VERIFY_SECRET) over the document's row id and the page. The check part
tells the printed documents of one version apart (form, 合订本, 备案 copy) and makes a guessed
code fail: only the server can compute it."""

import hashlib
import hmac
import re

from django.conf import settings

# Crockford-like: no 0/O, 1/I/L, U — easy to type from paper.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_LEN = 4
PATTERN = re.compile(r"^(?P<doc>[A-Z]{1,6}\d{1,8}(?:-V\d{1,4})?)-P(?P<page>\d{1,4})"
                     r"-(?P<check>[" + ALPHABET + r"]{" + str(CHECK_LEN) + r"})$")
MAX_LENGTH = 40


DOC_SHORT = re.compile(r"^[A-Z]{1,6}\d{1,8}$")


def short_reference(reference: str) -> str:
    """2025-JD-0042 → JD0042 (the series letters and the number; the year is in the call)."""
    text = re.sub(r"[^A-Z0-9]", "", reference.upper())
    return re.sub(r"^\d{4}(?=[A-Z])", "", text)


def doc_code(*, reference: str = "", version: int | None = None, pk: int) -> str:
    """JD0042-v3 for a version of an application, D00012 for any other document (and for a
    reference that has no letters-and-number short form)."""
    short = short_reference(reference)
    if reference and DOC_SHORT.match(short):
        return f"{short}-v{version}"
    return f"D{pk:05d}"


def check_part(document_id: int, page: int) -> str:
    mac = hmac.new(settings.VERIFY_SECRET.encode(), f"{document_id}:{page}".encode(),
                   hashlib.sha256).digest()
    number = int.from_bytes(mac[:8], "big")
    chars = []
    for _ in range(CHECK_LEN):
        number, digit = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[digit])
    return "".join(chars)


def page_code(doc: str, document_id: int, page: int) -> str:
    return f"{doc}-p{page:02d}-{check_part(document_id, page)}"


def parse(text: str) -> tuple[str, int, str] | None:
    """(document part as printed, page, check part) of a typed or scanned code, or None.
    Case and surrounding blanks do not matter; a URL ending in /verify/<code>/ is accepted."""
    text = (text or "").strip()
    if "/verify/" in text:
        text = text.rsplit("/verify/", 1)[1]
    text = text.strip("/ ").upper()
    if len(text) > MAX_LENGTH:
        return None
    m = PATTERN.match(text)
    if m is None:
        return None
    doc = m["doc"].replace("-V", "-v")
    return doc, int(m["page"]), m["check"]


def same_check(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode(), given.encode())
