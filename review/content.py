"""The application as an expert reads it: every section of 附件3/附件4 read-only, in the
official order (declare.reading.render_sections: personal information masked for experts)."""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from declare.reading import masks_personal_data, render_sections

# Bump when _readonly_sections.html or declare.reading change what they print.
READ_ONLY_VERSION = 2
READ_ONLY_TTL = 3600


def read_only_html(application, *, viewer) -> str:
    """The sections as HTML, cached per submitted version: what an expert reads does not
    change while it is under review (a changed application is resubmitted as a new version and
    saved, which moves updated_at), and every expert sees the same masked text (a viewer who
    may read personal information in full gets a copy of their own kind)."""
    mask = masks_personal_data(viewer, application)
    stamp = application.updated_at.timestamp() if application.updated_at else 0
    key = (f"review:ro:v{READ_ONLY_VERSION}:{application.pk}:"
           f"{application.submitted_version}:{stamp}:{'masked' if mask else 'full'}")
    html = cache.get(key)
    if html is None:
        html = render_to_string("review/_readonly_sections.html",
                                {"sections": render_sections(application, viewer=viewer)})
        cache.set(key, html, READ_ONLY_TTL)
    # rendered above by our own autoescaping template
    return mark_safe(html)  # noqa: S308  # nosec B308 B703
