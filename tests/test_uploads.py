import hashlib

import pytest
from django.core.exceptions import ValidationError

from uploads import validate_upload
from uploads.validation import safe_name

from .test_uploads_samples import (
    EXE,
    HTML,
    SVG,
    image_bytes,
    pdf_bytes,
    pdf_upload,
    png_upload,
    upload,
)


def _refusal(f, **kw) -> str:
    with pytest.raises(ValidationError) as exc:
        validate_upload(f, **kw)
    return exc.value.messages[0]


def test_a_real_pdf_is_accepted_with_its_content_hash():
    content = pdf_bytes(pages=2)
    kind, name, sha = validate_upload(upload("申报书.pdf", content))
    assert (kind, name, sha) == ("pdf", "申报书.pdf", hashlib.sha256(content).hexdigest())


def test_png_and_jpeg_are_recognised_by_content_whatever_the_name():
    assert validate_upload(upload("photo.pdf", image_bytes("PNG")))[:2] == ("png", "photo.png")
    assert validate_upload(upload("身份证", image_bytes("JPEG")))[:2] == ("jpg", "身份证.jpg")


def test_a_pdf_with_a_plain_open_at_page_destination_is_accepted():
    assert validate_upload(pdf_upload(open_action_dest=True))[0] == "pdf"


def test_renamed_exe_is_refused_naming_its_real_type():
    assert _refusal(upload("营业执照.pdf", EXE)) == (
        "文件内容实际为 EXE 格式，只能上传 PDF、JPG、PNG 文件（按文件内容识别，与文件扩展名无关）。")


def test_html_file_is_refused():
    assert _refusal(upload("说明.pdf", HTML, "application/pdf")) == (
        "文件内容为网页或 SVG 等文本格式，只能上传 PDF、JPG、PNG 文件（按文件内容识别，"
        "与文件扩展名无关）。")


def test_svg_with_script_is_refused():
    assert _refusal(upload("截图.png", SVG, "image/png")).startswith("文件内容为网页或 SVG 等文本格式")


def test_pdf_with_javascript_is_refused():
    assert _refusal(pdf_upload(js=True)) == (
        "PDF 文件包含JavaScript 脚本，存在安全风险，不予上传。请使用“打印为 PDF”或扫描件重新生成后上传。")


def test_pdf_with_embedded_file_is_refused():
    assert "包含嵌入文件" in _refusal(pdf_upload(attachment=True))


def test_pdf_with_launch_open_action_is_refused():
    assert "包含启动外部程序的动作" in _refusal(pdf_upload(launch=True))


def test_pdf_with_escaped_javascript_name_is_refused():
    content = pdf_bytes(js=True).replace(b"/JavaScript", b"/J#61vaScript")
    assert "JavaScript" in _refusal(upload("a.pdf", content))


def test_damaged_pdf_is_refused():
    content = b"%PDF-1.7\n" + b"garbage " * 50
    assert _refusal(upload("a.pdf", content)) == "PDF 文件已损坏或无法读取，请重新导出后上传。"


def test_empty_file_is_refused():
    assert _refusal(upload("a.pdf", b"")) == "文件为空，请重新选择。"


def test_file_over_the_size_cap_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 1000
    assert _refusal(upload("a.pdf", b"%PDF" + b"x" * 2000)) == "文件大小 2.0 KB，超过 1000 字节 的上限。"


def test_image_over_the_pixel_cap_is_refused(monkeypatch):
    monkeypatch.setattr("uploads.validation.MAX_IMAGE_PIXELS", 1000)
    assert _refusal(png_upload(size=(50, 50))) == (
        "图片尺寸 50×50 像素过大（上限 0 百万像素），请降低分辨率后重新上传。")


def test_truncated_png_is_refused():
    content = image_bytes("PNG")[:60]
    assert _refusal(upload("a.png", content)) == "PNG 图片已损坏或无法读取，请重新导出后上传。"


def test_only_the_allowed_kinds_pass():
    msg = _refusal(png_upload(), allowed=("pdf",))
    assert msg == "文件内容实际为 PNG 格式，只能上传 PDF 文件（按文件内容识别，与文件扩展名无关）。"


@pytest.mark.parametrize(("given", "expected"), [
    ("../../etc/passwd", "passwd.pdf"),
    ("C:\\Users\\x\\营业执照.exe", "营业执照.pdf"),
    ('a<b>:"c|?*.pdf', "a_b_c.pdf"),
    ("...", "材料.pdf"),
    ("ｆｕｌｌ.pdf", "full.pdf"),
])
def test_safe_name_strips_paths_and_reserved_characters(given, expected):
    assert safe_name(given, "pdf") == expected
