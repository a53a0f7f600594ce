"""The document renderer shared by the apps (WeasyPrint PDFs, openpyxl workbooks, bundles).

Public functions (imported lazily so loading the app stays cheap):
    render_pdf(template_name, context) -> bytes
    annex2_xlsx(kind, header, rows) -> bytes ; annex2_pdf(kind, header, rows) -> bytes
    region_xlsx(kind, title, sheets: [(header, rows)]) -> bytes
    build_bundle(parts: [(title, file | None, content_type)], *, front=(), label="",
                 metadata=None) -> bytes   (a part without a file is listed as 未上传)
    documents.contexts.application_context(application, *, masked=False) -> dict (附件3/附件4)
"""


def render_pdf(template_name: str, context: dict) -> bytes:
    from .render import render_pdf as render

    return render(template_name, context)


def annex2_xlsx(kind: str, header: dict, rows: list[dict]) -> bytes:
    from .annex2 import annex2_xlsx as render

    return render(kind, header, rows)


def annex2_pdf(kind: str, header: dict, rows: list[dict]) -> bytes:
    from .annex2 import annex2_pdf as render

    return render(kind, header, rows)


def region_xlsx(kind: str, title: str, sheets: list) -> bytes:
    from .annex2 import region_xlsx as render

    return render(kind, title, sheets)


def build_bundle(parts: list, **kwargs) -> bytes:
    from .bundle import build_bundle as build

    return build(parts, **kwargs)
