"""The print-ready bundle (issue 9 item 5): uploaded PDFs and images merged in the chosen order,
a 目录 whose page ranges are the pages where each material really starts, and 第 N 页 共 T 页
stamped on every page. Files go through the real upload service (declare.services.materials)."""

import io
import re
import subprocess

import pytest
from PIL import Image
from pypdf import PdfReader
from weasyprint import HTML

from declare.services.materials import add_material, move_material
from documents.bundle import build_bundle
from documents.producers import bundle_pdf
from documents.sources import document_label

from .test_declare_workflow_builders import complete_application
from .test_uploads_samples import upload

pytestmark = pytest.mark.django_db

EVIDENCE = "佐证材料（需标注目录和页码）"


def marked_pdf(marker: str, pages: int) -> bytes:
    """A real A4 PDF whose page k carries the unique text MARKER-Pk."""
    body = "".join(f'<p style="break-after: page">{marker}-P{k}</p>' for k in range(1, pages + 1))
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def image(fmt: str, size, color) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format=fmt)
    return out.getvalue()


def page_texts(data: bytes, tmp_path) -> list[str]:
    path = tmp_path / "bundle.pdf"
    path.write_bytes(data)
    count = len(PdfReader(io.BytesIO(data)).pages)
    return [subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-f", str(n), "-l", str(n),
                            str(path), "-"], capture_output=True, text=True, check=True).stdout
            for n in range(1, count + 1)]


def toc_entries(texts: list[str]) -> tuple[int, dict[str, tuple[int, int]]]:
    """(page of the 目录, {title: (first, last)}) read back from the printed 目录 page."""
    pages = [i for i, t in enumerate(texts) if re.search(r"^目\s*录$", t, re.M)]
    assert len(pages) == 1, pages
    start, text = pages[0], texts[pages[0]]
    entries = {}  # a long title wraps over lines, so match across them; 未上传 reads as None
    for m in re.finditer(r"^(\d+)\s+(.+?)\s*(?:第\s*(\d+)(?:[–-](\d+))?\s*页|(未上传))\s*$",
                         text, re.M | re.S):
        title = re.sub(r"\s+", "", m.group(2))
        entries[title] = None if m.group(5) else (int(m.group(3)), int(m.group(4) or m.group(3)))
    return start + 1, entries


def first_page_with(texts, needle: str) -> int:
    pages = [n for n, t in enumerate(texts, start=1) if needle in t]
    assert len(pages) == 1, f"{needle} on pages {pages}"
    return pages[0]


@pytest.fixture
def app(call, unit_a, alice):
    return complete_application(call=call, unit=unit_a, by=alice, materials=False)


@pytest.fixture
def materials(app, alice):
    """3 PDFs (1, 2, 3 pages) and 2 images uploaded, then reordered by the user."""
    files = [("甲一页.pdf", marked_pdf("MARKA", 1), "application/pdf"),
             ("乙两页.pdf", marked_pdf("MARKB", 2), "application/pdf"),
             ("丙三页.pdf", marked_pdf("MARKC", 3), "application/pdf"),
             ("照片横.png", image("PNG", (1200, 500), (30, 120, 200)), "image/png"),
             ("照片竖.jpg", image("JPEG", (400, 900), (200, 60, 20)), "image/jpeg")]
    made = {name: add_material(app, item="evidence", uploaded_file=upload(name, data, ctype),
                               by=alice) for name, data, ctype in files}
    # chosen order: 照片横, 甲一页, 丙三页, 乙两页, 照片竖
    move_material(made["照片横.png"], by=alice, direction="up")
    move_material(made["照片横.png"], by=alice, direction="up")
    move_material(made["照片横.png"], by=alice, direction="up")
    move_material(made["丙三页.pdf"], by=alice, direction="up")
    return ["照片横.png", "甲一页.pdf", "丙三页.pdf", "乙两页.pdf", "照片竖.jpg"]


def test_bundle_contents_page_matches_the_real_pages_and_every_page_is_numbered(
        app, materials, tmp_path):
    data = bundle_pdf(app)
    assert data.startswith(b"%PDF-")
    texts = page_texts(data, tmp_path)
    total = len(texts)
    toc_page, entries = toc_entries(texts)
    form_first = entries["2025年国家级高技能人才培训基地建设项目申报表（附件3）"][0]
    # cover, the 目录 (listing itself), then the form
    assert entries["封面"] == (1, 1) and toc_page == 2 and entries["目录"] == (2, 2)
    assert form_first == 3
    titles = [f"{EVIDENCE}（{name}）" for name in materials]
    ours = [(t, entries[t]) for t in titles]
    # the chosen order, consecutive, nothing overlapping
    firsts = [rng[0] for _t, rng in ours]
    assert firsts == sorted(firsts)
    sizes = {"甲一页.pdf": 1, "乙两页.pdf": 2, "丙三页.pdf": 3, "照片横.png": 1, "照片竖.jpg": 1}
    for (title, (first, last)), name in zip(ours, materials, strict=True):
        assert last - first + 1 == sizes[name], title
    for (_t, (_f, last)), (_t2, (nxt, _l)) in zip(ours, ours[1:], strict=False):
        assert nxt == last + 1
    # the PDFs start (and continue) exactly where the 目录 says
    for name, marker in (("甲一页.pdf", "MARKA"), ("乙两页.pdf", "MARKB"), ("丙三页.pdf", "MARKC")):
        first, last = entries[f"{EVIDENCE}（{name}）"]
        for k in range(1, sizes[name] + 1):
            assert first_page_with(texts, f"{marker}-P{k}") == first + k - 1
        assert last == first + sizes[name] - 1
    # images: one page each, in their slot, with an image on it and no marker text
    reader = PdfReader(io.BytesIO(data))
    for name in ("照片横.png", "照片竖.jpg"):
        first, last = entries[f"{EVIDENCE}（{name}）"]
        assert first == last
        page = reader.pages[first - 1]
        assert len(page.images) >= 1
        assert "MARK" not in texts[first - 1]
        box = sorted((float(page.mediabox.width), float(page.mediabox.height)))
        assert abs(box[0] - 595.3) < 1 and abs(box[1] - 841.9) < 1  # A4, turned to fit
    # every entry of the 目录 (front parts, the 目录 itself, alternatives) is consistent
    ranges = sorted(r for r in entries.values() if r is not None)
    assert ranges[0][0] == 1 and ranges[-1][1] == total
    covered = {p for f, last in ranges for p in range(f, last + 1)}
    assert covered | {toc_page} == set(range(1, total + 1))
    # every page carries its stamped number, and the version label exactly once
    label = document_label(app)
    for n, text in enumerate(texts, start=1):
        assert re.search(rf"第\s*{n}\s*页\s*共\s*{total}\s*页", text), f"page {n}: {text[-80:]}"
        shown = text.count(label) - (1 if n == 1 else 0)  # the cover also prints 版本：label
        assert shown == 1, f"page {n} carries the version label {shown}×"


def test_build_bundle_of_plain_parts_numbers_pages_after_the_contents(tmp_path):
    parts = [("甲", io.BytesIO(marked_pdf("MARKA", 1)), "application/pdf"),
             ("乙", io.BytesIO(marked_pdf("MARKB", 2)), "application/pdf"),
             ("丙", io.BytesIO(marked_pdf("MARKC", 3)), "application/pdf"),
             ("图一", io.BytesIO(image("PNG", (300, 300), (0, 200, 0))), "image/png"),
             ("图二", io.BytesIO(image("JPEG", (800, 300), (0, 0, 200))), "image/jpeg")]
    data = build_bundle(parts)
    texts = page_texts(data, tmp_path)
    assert len(texts) == 1 + 1 + 2 + 3 + 1 + 1
    toc_page, entries = toc_entries(texts)
    assert toc_page == 1
    assert entries == {"目录": (1, 1), "甲": (2, 2), "乙": (3, 4), "丙": (5, 7), "图一": (8, 8),
                       "图二": (9, 9)}
    assert first_page_with(texts, "MARKC-P1") == 5
    for n, text in enumerate(texts, start=1):
        assert re.search(rf"第\s*{n}\s*页\s*共\s*9\s*页", text)


def test_a_bundle_merged_into_a_bundle_keeps_its_numbers_and_gets_the_new_ones(tmp_path):
    inner = build_bundle([("甲", io.BytesIO(marked_pdf("MARKA", 2)), "application/pdf")])
    outer = build_bundle([("旧合订本", io.BytesIO(inner), "application/pdf"),
                          ("乙", io.BytesIO(marked_pdf("MARKB", 1)), "application/pdf")])
    texts = page_texts(outer, tmp_path)
    assert len(texts) == 1 + 3 + 1
    # the inner bundle's 甲 page 1 was its page 2 of 3; in the outer bundle it is page 3 of 5
    page = texts[first_page_with(texts, "MARKA-P1") - 1]
    assert re.search(r"第\s*2\s*页\s*共\s*3\s*页", page)
    assert re.search(r"第\s*3\s*页\s*共\s*5\s*页", page)
    xobjects = PdfReader(io.BytesIO(outer)).pages[2]["/Resources"]["/XObject"]
    assert {"/BundleNo", "/BundleNo1"} <= set(xobjects)
