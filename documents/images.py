"""Uploaded images as pages of the print bundle, at print resolution (issue 14 §6).

An image is decoded once, downscaled to what an A4 page can show at PRINT_DPI and only then
made into a PDF page: a 9.7 KB 8900×8900 PNG (legal: under the 80 Mpx upload limit) costs a
page's worth of pixels in the bundle instead of a gigabyte of memory. Bounds:
- per page: the picture placed on a page is at most PAGE_PIXELS (the A4 box inside the margins
  at PRINT_DPI); a source over the upload limit is refused;
- per bundle: the pixels decoded for all images of one bundle together (PixelBudget);
- while decoding: JPEGs are decoded at a reduced scale (draft), other formats are converted
  BAND_PIXELS at a time, so the only large buffer is the decoded source itself.
"""

from io import BytesIO

import img2pdf
from PIL import ExifTags, Image

from core.errors import DomainError
from uploads.validation import MAX_IMAGE_PIXELS

IMAGE_TYPES = {"image/jpeg", "image/png"}
A4_MM, BORDER_MM = (210, 297), 15
PRINT_DPI = 200
# (short side, long side) in pixels of the largest picture a page shows: 1417 × 2102.
PAGE_PIXELS = tuple(round((side - 2 * BORDER_MM) / 25.4 * PRINT_DPI) for side in A4_MM)
# About a dozen scans at the upload limit, or hundreds of phone photos (decoded at draft scale).
BUNDLE_MAX_PIXELS = 1_000_000_000
BAND_PIXELS = 1_000_000
WHITE = {"L": 255, "RGB": (255, 255, 255)}
GREY_MODES = {"1", "L", "LA", "La", "I", "I;16", "F"}
ALPHA_MODES = {"LA", "La", "PA", "RGBA", "RGBa"}
T = Image.Transpose
# EXIF orientation → the turn that shows the picture upright (as ImageOps.exif_transpose).
TURNS = {2: T.FLIP_LEFT_RIGHT, 3: T.ROTATE_180, 4: T.FLIP_TOP_BOTTOM, 5: T.TRANSPOSE,
         6: T.ROTATE_270, 7: T.TRANSVERSE, 8: T.ROTATE_90}


class PixelBudget:
    """Pixels one bundle may decode for its images; refuses the image that goes over."""

    def __init__(self, limit: int = BUNDLE_MAX_PIXELS):
        self.limit, self.used = limit, 0

    def spend(self, title: str, pixels: int) -> None:
        self.used += pixels
        if self.used > self.limit:
            raise DomainError(f"合订本中图片的像素总量超过上限（{self.limit // 10**6} 百万像素），"
                              f"“{title}”未能合并。请降低图片分辨率或改为上传 PDF 后重新生成。")


def image_pdf(source, *, title: str = "图片", budget: PixelBudget | None = None) -> bytes:
    """A JPG/PNG (an open binary file: stored ones read through the storage API) as one A4 page at PRINT_DPI at most, fitted inside the
    margins, transparency flattened on white, turned as its EXIF orientation says."""
    try:
        with Image.open(source) as im:
            target = fit(im.size)
            if im.format == "JPEG":
                im.draft("L" if im.mode in GREY_MODES else "RGB", target)
            width, height = im.size
            if width * height > MAX_IMAGE_PIXELS:
                raise DomainError(f"“{title}”的图片尺寸 {width}×{height} 像素过大（上限 "
                                  f"{MAX_IMAGE_PIXELS // 10**6} 百万像素），请降低分辨率后重新上传。")
            (budget or PixelBudget()).spend(title, width * height)
            orientation = im.getexif().get(ExifTags.Base.Orientation, 1)
            page = downscale(im, fit(im.size))
    except Image.DecompressionBombError as exc:
        raise DomainError(f"“{title}”的图片尺寸过大，请降低分辨率后重新上传。") from exc
    if orientation in TURNS:
        page = page.transpose(TURNS[orientation])
    buf = BytesIO()
    page.save(buf, format="PNG" if page.mode == "L" else "JPEG", quality=90)
    border = (img2pdf.mm_to_pt(BORDER_MM),) * 2
    a4 = tuple(img2pdf.mm_to_pt(side) for side in A4_MM)
    layout = img2pdf.get_layout_fun(a4, None, border, fit=img2pdf.FitMode.into, auto_orient=True)
    return img2pdf.convert(buf.getvalue(), layout_fun=layout)


def fit(size: tuple[int, int]) -> tuple[int, int]:
    """The largest size ≤ `size` with its aspect that fits the page box at PRINT_DPI (the page
    turns to landscape for a landscape picture, as img2pdf's auto_orient does)."""
    width, height = size
    short, long = PAGE_PIXELS
    box = (short, long) if height >= width else (long, short)
    scale = min(box[0] / width, box[1] / height, 1.0)
    return max(1, round(width * scale)), max(1, round(height * scale))


def downscale(im: Image.Image, target: tuple[int, int]) -> Image.Image:
    """`im` at `target` size, in L or RGB: bands of rows are converted and box-reduced by a
    whole factor (a band's rows are a multiple of it, so bands meet without seams), then the
    small result is resampled to the exact size."""
    mode = "L" if im.mode in GREY_MODES or (im.mode == "P" and _grey_palette(im)) else "RGB"
    width, height = im.size
    factor = max(1, min(width // target[0], height // target[1]))
    rows = max(factor, BAND_PIXELS // width // factor * factor)
    reduced = Image.new(mode, (-(-width // factor), -(-height // factor)), WHITE[mode])
    for top in range(0, height, rows):
        band = _flat(im.crop((0, top, width, min(height, top + rows))), mode)
        reduced.paste(band.reduce(factor) if factor > 1 else band, (0, top // factor))
    if reduced.size == target:
        return reduced
    return reduced.resize(target, Image.Resampling.LANCZOS)


def _flat(band: Image.Image, mode: str) -> Image.Image:
    """`band` in `mode`, anything transparent laid on white paper."""
    if band.mode in ALPHA_MODES or "transparency" in band.info:
        rgba = band.convert("RGBA")
        paper = Image.new("RGBA", band.size, (255, 255, 255, 255))
        paper.alpha_composite(rgba)
        return paper.convert(mode)
    return band if band.mode == mode else band.convert(mode)


def _grey_palette(im: Image.Image) -> bool:
    colours = im.getpalette() or []
    return all(colours[i] == colours[i + 1] == colours[i + 2]
               for i in range(0, len(colours) - 2, 3))

