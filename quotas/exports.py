"""附件2-1 / 附件2-2 downloads as Excel and PDF, rendered by the documents app."""

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header

import documents
from calls.choices import ProjectKind

from .annex2 import ANNEX_NUMBER
from .selectors import annex2_rows

FORMATS = {
    "xlsx": (documents.annex2_xlsx,
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pdf": (documents.annex2_pdf, "application/pdf"),
}


def annex2_response(package, kind: str, fmt: str) -> HttpResponse:
    if kind not in ProjectKind.values or fmt not in FORMATS or not package.call.offers(kind):
        raise Http404
    render, content_type = FORMATS[fmt]
    header, rows = annex2_rows(package.call, package.recommender, kind)
    response = HttpResponse(render(kind, header, rows), content_type=content_type)
    name = f"{ANNEX_NUMBER[kind]} {package.recommender.label} {header['title']}.{fmt}"
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["Cache-Control"] = "private, no-store"
    return response
