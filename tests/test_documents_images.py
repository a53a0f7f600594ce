"""Images in the print bundle at print resolution, within memory (issue 14 §6): a 8900×8900
PNG — a few KB, under the 80 Mpx upload limit — pushed a bundle render to 1.28 GB. Measured here
in a child process (its peak resident size, getrusage), and read back from the finished PDF
with poppler's pdfimages."""

import io
import json
import os
import subprocess
import sys

import pytest
from PIL import Image

from core.errors import DomainError
from documents.bundle import build_bundle
from documents.images import PAGE_PIXELS, PRINT_DPI, PixelBudget, image_pdf

from .faults_support import ROOT

# The child renders one bundle of one image and reports its peak RSS before and after (MB).
MEASURE = """
import json, resource, sys
import django
django.setup()
from documents.bundle import build_bundle
peak = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
before = peak()
data = build_bundle([("营业执照", sys.argv[1], "image/png")], label="2025-JD-0042 草稿")
print(json.dumps({"before": before, "after": peak(), "size": len(data)}))
"""


def png(path, mode: str, size, colour) -> str:
    Image.new(mode, size, colour).save(path, optimize=True)
    return str(path)


def render_in_child(path: str) -> dict:
    out = subprocess.run([sys.executable, "-c", MEASURE, path], cwd=ROOT, capture_output=True,
                         text=True, timeout=300, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("mode", "colour", "bound_mb"), [
    # the probe's file: bilevel, 20 KB here. Before: +964 MB (1082 MB peak); now about +100.
    ("1", 1, 150),
    # the worst an upload may be: 4 bytes a pixel decoded. Before: +1190 MB; now about +315.
    ("RGBA", (255, 255, 255, 0), 400),
])
def test_a_8900_pixel_square_image_bundles_within_a_memory_bound(tmp_path, mode, colour,
                                                                 bound_mb):
    path = png(tmp_path / "scan.png", mode, (8900, 8900), colour)
    assert os.path.getsize(path) < 400_000
    measured = render_in_child(path)
    assert measured["after"] - measured["before"] < bound_mb, measured
    assert measured["size"] < 1_000_000  # a page of print resolution, not 8900² pixels


def pdf_images(data: bytes, tmp_path) -> list[dict]:
    path = tmp_path / "bundle.pdf"
    path.write_bytes(data)
    lines = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True,
                           check=True, timeout=60).stdout.splitlines()[2:]
    keys = ("page", "width", "height", "x_ppi", "y_ppi")
    return [dict(zip(keys, (int(f[0]), int(f[3]), int(f[4]), int(f[12]), int(f[13])),
                     strict=True)) for f in (line.split() for line in lines)]


def test_images_in_the_bundle_are_at_print_resolution_and_small_ones_are_not_blown_up(
        tmp_path):
    big = png(tmp_path / "big.png", "1", (8900, 8900), 1)
    wide = tmp_path / "wide.jpg"
    Image.new("RGB", (6000, 2400), (200, 30, 30)).save(wide, quality=85)
    small = png(tmp_path / "small.png", "RGB", (600, 400), (30, 200, 30))
    data = build_bundle([("证书扫描件", big, "image/png"), ("场地照片", str(wide), "image/jpeg"),
                         ("标识", small, "image/png")], label="2025-JD-0042 草稿")
    images = pdf_images(data, tmp_path)
    # page 1 is the 目录; the square scan fills the A4 width inside the 15 mm margins at 200 dpi,
    # the landscape photo the turned page's width, the small picture keeps its own pixels.
    assert [(i["page"], i["width"], i["height"]) for i in images] == [
        (2, PAGE_PIXELS[0], PAGE_PIXELS[0]), (3, PAGE_PIXELS[1], 841), (4, 600, 400)]
    assert [(i["x_ppi"], i["y_ppi"]) for i in images[:2]] == [(PRINT_DPI, PRINT_DPI)] * 2
    assert images[2]["x_ppi"] < PRINT_DPI


def jpeg_with_orientation(orientation: int) -> io.BytesIO:
    im = Image.new("RGB", (400, 200), "white")
    exif = im.getexif()
    exif[0x0112] = orientation
    buf = io.BytesIO()
    im.save(buf, format="JPEG", exif=exif.tobytes())
    buf.seek(0)
    return buf


def test_a_phone_photo_is_turned_upright_as_its_exif_says(tmp_path):
    data = build_bundle([("照片", jpeg_with_orientation(6), "image/jpeg")])
    assert [(i["width"], i["height"]) for i in pdf_images(data, tmp_path)] == [(200, 400)]


def test_the_pixels_decoded_for_one_bundle_are_bounded(tmp_path):
    photo = png(tmp_path / "photo.png", "RGB", (2000, 2000), (90, 90, 90))
    budget = PixelBudget(limit=6_000_000)
    assert image_pdf(photo, title="第一张", budget=budget).startswith(b"%PDF")
    with pytest.raises(DomainError) as refused:
        image_pdf(photo, title="第二张", budget=budget)
    assert refused.value.message == ("合订本中图片的像素总量超过上限（6 百万像素），“第二张”未能合并。"
                                     "请降低图片分辨率或改为上传 PDF 后重新生成。")


def test_an_image_over_the_upload_limit_is_refused_in_chinese_not_decoded(tmp_path):
    path = png(tmp_path / "huge.png", "1", (9000, 9000), 1)
    with pytest.raises(DomainError) as refused:
        build_bundle([("营业执照", path, "image/png")])
    assert refused.value.message == ("“营业执照”的图片尺寸 9000×9000 像素过大（上限 80 百万像素），"
                                     "请降低分辨率后重新上传。")
