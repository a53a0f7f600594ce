"""Draw the QR code and the code on every page, in the bottom-right corner reserved for it
(30 mm × 18 mm; nothing of the stamp nearer than 5 mm to an edge). Pure vector: the QR modules
are filled rectangles and the code is set in the PDF's built-in Courier, so the overlay needs
no renderer and reads the same on every printer. Drawn over the page by documents.overlay, as
documents.bundle._stamp draws the page numbers; the input's document info is kept."""

from io import BytesIO

import segno
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject

from documents.overlay import add_resource, draw_over

MM = 72 / 25.4
EDGE = 5 * MM            # the stamp keeps this far from the right and bottom edges
CORNER_W, CORNER_H = 30 * MM, 18 * MM
QR_SIZE = CORNER_H - EDGE  # 13 mm: the whole height of the corner above the margin
GAP = 1.2 * MM
FONT_SIZE = 5.6
FONT = "/VfyCourier"


def page_count(pdf: bytes) -> int:
    return len(PdfReader(BytesIO(pdf)).pages)


def stamp_pages(pdf: bytes, codes: list[tuple[str, str]]) -> bytes:
    """`pdf` with (code, url) i drawn on page i; metadata and page sizes unchanged.

    The page's own content is left as it is (not parsed, as pypdf's merge_page would): the
    stamp is drawn over it by documents.overlay, with the Courier font added to the page's
    resources under a name of its own."""
    reader = PdfReader(BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    font = writer._add_object(_courier())
    for page, (code, url) in zip(writer.pages, codes, strict=True):
        if page.get("/Rotate"):
            page.transfer_rotation_to_content()
        name = add_resource(page, "/Font", FONT, font)
        draw_over(writer, page, _drawing(float(page.mediabox.width), code, url, font=name))
    if reader.metadata:
        writer.add_metadata({k: v for k, v in reader.metadata.items()})
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _courier() -> DictionaryObject:
    return DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                             NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Courier")})


def _drawing(width: float, code: str, url: str, *, font: str = FONT) -> str:
    """QR at the right of the corner, the code in two lines to its left (bottom-aligned)."""
    qr = segno.make_qr(url, error="m", boost_error=False)
    rows = [list(row) for row in qr.matrix]
    n = len(rows)
    module = QR_SIZE / n
    x0, y0 = width - EDGE - QR_SIZE, EDGE
    ops = ["q", "1 1 1 rg", f"{x0 - GAP:.2f} {y0 - 0.5:.2f} {QR_SIZE + GAP + 0.5:.2f} "
           f"{QR_SIZE + 1:.2f} re f", "0 0 0 rg"]
    for r, row in enumerate(rows):
        top = y0 + QR_SIZE - (r + 1) * module
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                ops.append(f"{x0 + start * module:.3f} {top:.3f} "
                           f"{(c - start) * module + 0.02:.3f} {module + 0.02:.3f} re")
            else:
                c += 1
    ops.append("f")
    lines = _lines(code)
    room = CORNER_W - EDGE - QR_SIZE - GAP  # what is left of the corner, left of the QR
    size = min(FONT_SIZE, room / (0.6 * max(len(line) for line in lines)))  # Courier: 0.6 em
    for i, line in enumerate(lines):
        x = x0 - GAP - 0.6 * size * len(line)
        y = y0 + (len(lines) - 1 - i) * (size + 1.2) + 0.25 * size  # Courier descends 0.16 em
        ops.append(f"BT {font} {size:.2f} Tf {x:.2f} {y:.2f} Td ({line}) Tj ET")
    ops.append("Q")
    return "\n".join(ops)


def _lines(code: str) -> list[str]:
    """JD0042-v3-p07-8F3K → ["JD0042-v3", "p07-8F3K"]: split before the page part."""
    head, sep, tail = code.rpartition("-p")
    return [head, f"p{tail}"] if sep else [code]
