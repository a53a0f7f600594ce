"""validate_upload: decide a file's type by its content and refuse anything unsafe."""

import hashlib
import re
import unicodedata

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

from .pdf import inspect_pdf


class UploadKind:
    PDF = "pdf"
    JPG = "jpg"
    PNG = "png"
    LABELS = {"pdf": "PDF", "jpg": "JPG", "png": "PNG"}
    MIME = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


# A scan at 600 dpi of an A3 page is about 70 million pixels; nothing legitimate is bigger.
MAX_IMAGE_PIXELS = 80_000_000
_EXT_OF_MIME = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def validate_upload(uploaded_file, *, allowed=("pdf", "jpg", "png"), max_bytes=None):
    """Return (kind, safe_name, sha256) or raise ValidationError with a Chinese message."""
    max_bytes = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    size = uploaded_file.size or 0
    if size == 0:
        raise ValidationError("文件为空，请重新选择。", code="empty")
    if size > max_bytes:
        raise ValidationError(
            f"文件大小 {_fmt(size)}，超过 {_fmt(max_bytes)} 的上限。",
            code="too_large")
    head = _read_head(uploaded_file)
    kind = _kind_of(head, allowed)
    sha256 = _sha256(uploaded_file)
    if kind == UploadKind.PDF:
        inspect_pdf(uploaded_file)
    else:
        _check_image(uploaded_file, kind)
    uploaded_file.seek(0)
    return kind, safe_name(getattr(uploaded_file, "name", "") or "", kind), sha256


def _fmt(n: int) -> str:
    return str(filesizeformat(n)).replace("\xa0", " ")


def _read_head(f) -> bytes:
    f.seek(0)
    head = f.read(8192)
    f.seek(0)
    return head


def _allowed_text(allowed) -> str:
    return "、".join(UploadKind.LABELS.get(a, a.upper()) for a in allowed)


def _kind_of(head: bytes, allowed) -> str:
    guess = filetype.guess(head)
    kind = _EXT_OF_MIME.get(guess.mime) if guess else None
    if kind in allowed:
        return kind
    if guess is not None:
        found = f"文件内容实际为 {guess.extension.upper()} 格式"
    elif _looks_like_markup(head):
        found = "文件内容为网页或 SVG 等文本格式"
    else:
        found = "无法识别文件内容的格式"
    raise ValidationError(f"{found}，只能上传 {_allowed_text(allowed)} 文件（按文件内容识别，"
                          "与文件扩展名无关）。", code="bad_type")


def _looks_like_markup(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<", b"<?xml")) or b"<svg" in text or b"<html" in text


def _sha256(f) -> str:
    digest = hashlib.sha256()
    f.seek(0)
    for chunk in iter(lambda: f.read(1024 * 1024), b""):
        digest.update(chunk)
    f.seek(0)
    return digest.hexdigest()


def _check_image(f, kind: str) -> None:
    f.seek(0)
    try:
        with Image.open(f) as im:
            width, height = im.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    f"图片尺寸 {width}×{height} 像素过大（上限 {MAX_IMAGE_PIXELS // 10**6} 百万像素），"
                    "请降低分辨率后重新上传。", code="too_many_pixels")
            im.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError) as exc:
        raise ValidationError(f"{UploadKind.LABELS[kind]} 图片已损坏或无法读取，请重新导出后上传。",
                              code="broken_image") from exc
    finally:
        f.seek(0)


def safe_name(name: str, kind: str, *, max_length: int = 80) -> str:
    """The user's file name for display and download: no path, no control or reserved
    characters, the extension that matches the content."""
    base = re.split(r"[\\/]", name)[-1]
    base = unicodedata.normalize("NFKC", base)
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = _UNSAFE_NAME.sub("_", stem).strip(" ._") or "材料"
    return f"{stem[:max_length]}.{kind}"
