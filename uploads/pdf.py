"""Refuse PDFs with active content: JavaScript, launch actions, embedded files, open actions."""

import re

from django.core.exceptions import ValidationError
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

# Name objects that mean the PDF can act by itself when opened or clicked.
ACTIVE_NAMES = {
    "/JavaScript": "JavaScript 脚本",
    "/JS": "JavaScript 脚本",
    "/Launch": "启动外部程序的动作",
    "/EmbeddedFile": "嵌入文件",
    "/EmbeddedFiles": "嵌入文件",
    "/RichMedia": "多媒体内容",
    "/XFA": "XFA 动态表单",
    "/SubmitForm": "表单提交动作",
    "/ImportData": "数据导入动作",
}
# The same names found in the raw bytes outside streams (catches objects a damaged xref hides
# from the parser; stream data is skipped, as random binary would give false alarms).
# PDF allows #xx escapes in names, so those are decoded first.
_RAW_NAME = re.compile(rb"/(?:[A-Za-z0-9]|#[0-9A-Fa-f]{2})+")
_STREAM = re.compile(rb"stream\r?\n.*?endstream", re.S)
_MAX_NODES = 200_000


def inspect_pdf(f) -> None:
    """Raise ValidationError (Chinese) if `f` is not a readable PDF without active content."""
    f.seek(0)
    raw = f.read()
    f.seek(0)
    found = _raw_active(raw)
    try:
        reader = PdfReader(f, strict=False)
        if reader.is_encrypted:
            raise ValidationError("PDF 文件已加密或设置了打开密码，请取消加密后重新上传。",
                                  code="pdf_encrypted")
        found = found or _active_in_tree(reader)
        pages = len(reader.pages)
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError,
            OSError) as exc:
        raise ValidationError("PDF 文件已损坏或无法读取，请重新导出后上传。",
                              code="pdf_broken") from exc
    finally:
        f.seek(0)
    if found:
        raise ValidationError(f"PDF 文件包含{found}，存在安全风险，不予上传。"
                              "请使用“打印为 PDF”或扫描件重新生成后上传。", code="pdf_active")
    if pages == 0:
        raise ValidationError("PDF 文件没有页面。", code="pdf_empty")


def _raw_active(raw: bytes) -> str:
    for m in _RAW_NAME.finditer(_STREAM.sub(b" ", raw)):
        name = _unescape(m.group(0))
        if name in ACTIVE_NAMES:
            return ACTIVE_NAMES[name]
    return ""


def _unescape(name: bytes) -> str:
    if b"#" in name:
        name = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), name)
    return name.decode("latin-1")


def _active_in_tree(reader: PdfReader) -> str:
    """Walk every object reachable from the trailer (streams are not decoded)."""
    stack, seen, nodes = [reader.trailer], set(), 0
    while stack:
        obj = stack.pop()
        nodes += 1
        if nodes > _MAX_NODES:
            raise ValidationError("PDF 文件结构过于复杂，无法检查，请重新导出后上传。",
                                  code="pdf_complex")
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            stack.append(obj.get_object())
        elif isinstance(obj, DictionaryObject):
            found = _active_in_dict(obj)
            if found:
                return found
            stack.extend(v for k, v in obj.items() if k != "/Parent")
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
        elif isinstance(obj, NameObject) and str(obj) in ACTIVE_NAMES:
            return ACTIVE_NAMES[str(obj)]
    return ""


def _active_in_dict(d: DictionaryObject) -> str:
    for key in d.keys():
        if key in ACTIVE_NAMES:
            return ACTIVE_NAMES[key]
    open_action = d.get("/OpenAction")
    if open_action is not None:
        action = open_action.get_object()
        # An explicit destination (an array: "open at page 1, fit width") is harmless;
        # any action dictionary other than a plain GoTo is refused.
        if isinstance(action, DictionaryObject) and action.get("/S", "/GoTo") != "/GoTo":
            return "打开文件时自动执行的动作（OpenAction）"
    additional = d.get("/AA")
    if additional is not None and d.get("/Type") in ("/Catalog", "/Page"):
        return "打开文件或页面时自动执行的动作"
    return ""
