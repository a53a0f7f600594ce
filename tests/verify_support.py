"""Helpers of the verification tests: read the printed codes back from a PDF (pdftotext
-bbox: the words and where they stand) and make submitted versions through the services."""

import re
import subprocess
from pathlib import Path

from declare.services.workflow import return_for_revision, submit_application
from documents.producers import form_pdf, form_title
from verify.models import DocumentKind
from verify.services import issue

MM = 72 / 25.4
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"([^<]*)</word>")
CODE_HEAD = re.compile(r"^[A-Z]+\d{4,}(-v\d+)?$")   # D00001: a document of no version
CODE_TAIL = re.compile(r"^p\d{2,}-[2-9A-Z]{4}$")


def words_by_page(pdf: bytes, tmp_path: Path) -> list[dict]:
    path = tmp_path / "read.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout
    return [{"w": float(w), "h": float(h),
             "words": [(float(a), float(b), float(c), float(d), t)
                       for a, b, c, d, t in _WORD.findall(body)]}
            for w, h, body in _PAGE.findall(html)]


def printed_codes(pdf: bytes, tmp_path: Path) -> list[tuple[str, tuple]]:
    """Per page: the code as printed (its two lines joined) and the box of its two words."""
    found = []
    for page in words_by_page(pdf, tmp_path):
        head = [w for w in page["words"] if CODE_HEAD.match(w[4])]
        tail = [w for w in page["words"] if CODE_TAIL.match(w[4])]
        assert len(head) == len(tail) == 1, (head, tail)
        (h, t) = head[0], tail[0]
        box = (min(h[0], t[0]), min(h[1], t[1]), max(h[2], t[2]), max(h[3], t[3]))
        found.append((f"{h[4]}-{t[4]}", box, page["w"], page["h"]))
    return found


def blank_pdf(pages: int) -> bytes:
    """A plain A4 PDF of `pages` pages (the tests that need no real form stay fast)."""
    from io import BytesIO

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595.28, 841.89)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def printed(app, pages: int = 3) -> bytes:
    """What issue() makes of a `pages`-page print of the version `app` stands at."""
    app.refresh_from_db()
    return issue(blank_pdf(pages), kind=DocumentKind.FORM, title=form_title(app),
                 application=app)


def submitted_form(app, *, by) -> bytes:
    """附件3/4 of the version `app` stands at, as documents.services._produce issues it."""
    app.refresh_from_db()
    return issue(form_pdf(app), kind=DocumentKind.FORM, title=form_title(app), application=app)


def submit_v1_then_v2(app, *, unit_user, recommender_user, print_v1=printed) -> bytes:
    """Submit (v1), print v1, return for revision, submit again (v2); the v1 print."""
    submit_application(app, by=unit_user)
    v1 = print_v1(app)
    return_for_revision(app, by=recommender_user, comments="请补充培训记录。")
    app.refresh_from_db()
    submit_application(app, by=unit_user)
    app.refresh_from_db()
    return v1
