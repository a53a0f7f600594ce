"""HTML templates → WeasyPrint → PDF bytes. Knows nothing about models: callers pass a plain
context dict. The print stylesheets live next to the templates and are inlined by the
templates themselves, so a template renders the same wherever it is called from."""

import gc
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.template.loader import get_template, render_to_string

# Bump when a template or stylesheet changes what a rendered document looks like: it is part of
# the cache key of every rendered file (documents.services.content_hash).
TEMPLATE_VERSION = "2025.2"

BODY_FONT = "Noto Serif CJK SC"
TITLE_FONT = "Noto Sans CJK SC"


@cache
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


WARM_UP_HTML = (
    "<html><head><style>@page {{ size: A6; margin: 1cm }} body {{ font-family: '{body}' }}"
    " h1 {{ font-family: '{title}'; font-weight: bold }}</style></head>"
    "<body><h1>附件3 预热</h1><p>内蒙古自治区高技能人才培训基地申报书 0123456789 ABC</p>"
    "<p><b>技能大师工作室</b></p></body></html>")


WARM_TEMPLATES = ("annex3_base.html", "annex4_studio.html")


def warm_up() -> int:
    """Render a tiny document in the body and title CJK fonts, regular and bold, to PDF: the
    fontconfig scan, the Noto CJK faces and WeasyPrint's own imports are then loaded in this
    process, so the first real 附件3 costs what every later one does (issue 20 §7: a fresh
    process's first took 2.8 s, a warm one 1.3 s). Called when a worker process starts
    (config/celery.py), then freezes the heap it has built (gc.freeze). Returns the size of
    the PDF."""
    from weasyprint import HTML

    html = WARM_UP_HTML.format(body=getattr(settings, "PDF_FONT_FAMILY", BODY_FONT),
                               title=TITLE_FONT)
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        font_config=_font_config())
    for name in WARM_TEMPLATES:  # compiled once into the cached template loader
        get_template(f"documents/{name}")
    # What the process holds now (Django, WeasyPrint, the fonts) lives as long as it does: out
    # of the cyclic collector's sight, a render's full collections walk only the render's own
    # objects (they were 0.1–0.3 s of a 附件3's CPU).
    gc.collect()
    gc.freeze()
    return len(pdf)


def render_html(template_name: str, context: dict) -> str:
    ctx = {"body_font": getattr(settings, "PDF_FONT_FAMILY", BODY_FONT),
           "title_font": TITLE_FONT, **context}
    return render_to_string(f"documents/{template_name}", ctx)


# ---------------------------------------------------------------- document metadata --------
# Every PDF we hand out says what it is (Title), who it is of (Author) and which notice it
# answers (Subject), in the file's Info dictionary: the one place that writes them, for
# WeasyPrint renders (render_pdf) and for pypdf merges (the 合订本) alike.

SYSTEM_NAME = "高技能人才培训基地和技能大师工作室建设项目网上申报评审系统"


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str

    def info(self) -> dict:
        """The PDF Info entries (pypdf's writer.add_metadata)."""
        return {"/Title": self.title, "/Author": self.author, "/Subject": self.subject,
                "/Creator": SYSTEM_NAME, "/Producer": SYSTEM_NAME}


def add_metadata(writer, metadata: Metadata) -> None:
    """Title/Author/Subject on a pypdf PdfWriter about to be written."""
    writer.add_metadata(metadata.info())


def render_pdf(template_name: str, context: dict, *, metadata: Metadata | None = None) -> bytes:
    """Render `documents/<template_name>` with `context` to PDF bytes (A4 unless the template's
    @page says otherwise), carrying `metadata` (else the template's <title> alone: the parts
    the 合订本 merges, whose metadata the merged file sets)."""
    from weasyprint import HTML

    html = render_html(template_name, context)
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(
        font_config=_font_config())
    if metadata is not None:
        document.metadata.title = metadata.title
        document.metadata.authors = [metadata.author]
        document.metadata.description = metadata.subject
        document.metadata.generator = SYSTEM_NAME
    return document.write_pdf(uncompressed_pdf=False)
