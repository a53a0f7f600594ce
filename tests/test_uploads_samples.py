"""Small real files for upload tests (helpers, no tests): PDFs made with pypdf, images with Pillow.
Each call makes a file of its own (a serial number in its metadata), since one application
refuses the same file twice (issue 15 §8); a test of that passes the same bytes again."""

import io
from itertools import count

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

SERIAL = count(1)


def pdf_bytes(pages: int = 1, *, js: bool = False, attachment: bool = False,
              launch: bool = False, open_action_dest: bool = False) -> bytes:
    w = PdfWriter()
    w.add_metadata({"/Subject": f"sample {next(SERIAL)}"})
    for _ in range(pages):
        w.add_blank_page(width=595, height=842)
    if js:
        w.add_open_action(JavaScript("app.alert('x');"))
    if attachment:
        w.add_attachment("payload.txt", b"hello")
    if launch:
        w._root_object[NameObject("/OpenAction")] = DictionaryObject({
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("cmd.exe"),
        })
    if open_action_dest:
        w._root_object[NameObject("/OpenAction")] = ArrayObject(
            [w.pages[0].indirect_reference, NameObject("/Fit")])
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def image_bytes(fmt: str = "PNG", size=(40, 30), color=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    serial = f"sample {next(SERIAL)}"
    if fmt == "PNG":
        info = PngInfo()
        info.add_text("Comment", serial)
        Image.new("RGB", size, color).save(out, format=fmt, pnginfo=info)
    else:
        Image.new("RGB", size, color).save(out, format=fmt, comment=serial.encode())
    return out.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf_upload(name: str = "材料.pdf", **kw):
    return upload(name, pdf_bytes(**kw), "application/pdf")


def png_upload(name: str = "截图.png", **kw):
    return upload(name, image_bytes("PNG", **kw), "image/png")


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"PE\x00\x00"
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
       b"<script>alert(document.cookie)</script></svg>")
