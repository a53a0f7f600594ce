"""HTML templates → WeasyPrint → PDF bytes. Knows nothing about models: callers pass a plain
context dict. The print stylesheets live next to the templates and are inlined by the
templates themselves, so a template renders the same wherever it is called from."""

from functools import cache

from django.conf import settings
from django.template.loader import render_to_string

# Bump when a template or stylesheet changes what a rendered document looks like: it is part of
# the cache key of every rendered file (documents.services.content_hash).
TEMPLATE_VERSION = "2025.2"

BODY_FONT = "Noto Serif CJK SC"
TITLE_FONT = "Noto Sans CJK SC"


@cache
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def render_html(template_name: str, context: dict) -> str:
    ctx = {"body_font": getattr(settings, "PDF_FONT_FAMILY", BODY_FONT),
           "title_font": TITLE_FONT, **context}
    return render_to_string(f"documents/{template_name}", ctx)


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render `documents/<template_name>` with `context` to PDF bytes (A4 unless the template's
    @page says otherwise)."""
    from weasyprint import HTML

    html = render_html(template_name, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        font_config=_font_config(), uncompressed_pdf=False)
