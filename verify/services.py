"""Register official PDFs and stamp a verification code on every page; look a code up.

How a caller uses it (附件3/4, 合订本 and 附件2 are wired in documents.services._produce, the
备案 copies in review.services.filing_archive.project_pdf):

    from verify.services import issue
    pdf = issue(pdf, kind=DocumentKind.REPORT, title="推荐报告", call=call,
                recommender=recommender, render_job=job)     # not tied to one application
    pdf = issue(pdf, kind=DocumentKind.FORM, title="附件3 …", application=app)  # its version

Call it on the finished bytes, after every other stamp (page numbers, watermarks), once per
file that leaves the system; it returns the same PDF (same pages, sizes and document info)
with a QR code and the human-readable code in each page's bottom-right 30 mm × 18 mm corner,
which the templates keep free. An application's document is stamped only when it prints a
submitted version (documents.sources.printed_snapshot, or `version` given): a draft comes back
unchanged, since its pages carry the 草稿 watermark and prove nothing.
"""

import hashlib

from django.conf import settings
from django.db import transaction

from declare.models import Snapshot
from documents.sources import printed_snapshot

from . import codes, stamp
from .models import PrintedDocument


def issue(pdf: bytes, *, kind: str, title: str, application=None, version=None, call=None,
          recommender=None, render_job=None) -> bytes:
    """Record a PrintedDocument (what it prints, its SHA-256, its page count) and return `pdf`
    with its code on every page; a draft application's PDF is returned as it is."""
    snapshot = None
    if application is not None:
        snapshot = (Snapshot.objects.filter(application=application, version=version).first()
                    if version else printed_snapshot(application))
        if snapshot is None:
            return pdf
        call = call or application.call
    pages = stamp.page_count(pdf)
    with transaction.atomic():
        doc = PrintedDocument.objects.create(
            kind=kind, title=title[:120], application=application, snapshot=snapshot,
            version=snapshot.version if snapshot else None, call=call, recommender=recommender,
            render_job=render_job, page_count=pages,
            sha256=snapshot.sha256 if snapshot else _source_hash(pdf, render_job))
        doc.doc_code = codes.doc_code(reference=application.reference if application else "",
                                      version=doc.version, pk=doc.pk)
        doc.save(update_fields=["doc_code"])
    page_codes = [codes.page_code(doc.doc_code, doc.pk, n) for n in range(1, pages + 1)]
    return stamp.stamp_pages(pdf, [(code, verify_url(code)) for code in page_codes])


def _source_hash(pdf: bytes, render_job) -> str:
    """What a document not tied to a snapshot prints: the render's content hash (the data it
    was made from), else the bytes as they came."""
    return render_job.content_hash if render_job else hashlib.sha256(pdf).hexdigest()


def verify_url(code: str) -> str:
    """What the QR code holds: SITE_URL/verify/<code>/ (a path alone when SITE_URL is unset)."""
    return f"{settings.SITE_URL}/verify/{code}/"


def find_page(text: str) -> tuple[PrintedDocument, int] | None:
    """The printed document and page number a code (or a scanned URL) names, or None for a
    malformed, guessed or unknown code — one answer for all three."""
    parsed = codes.parse(text)
    if parsed is None:
        return None
    doc_part, page, check = parsed
    candidates = (PrintedDocument.objects.filter(doc_code=doc_part)
                  .select_related("application__unit", "snapshot", "recommender", "call"))
    for doc in candidates:
        if 1 <= page <= doc.page_count and codes.same_check(codes.check_part(doc.pk, page),
                                                            check):
            return doc, page
    return None


def newer_version(doc: PrintedDocument) -> str:
    """"" when `doc` prints the latest submitted version (of its application, or of the same
    kind of document for the same call and recommender); else what superseded it."""
    if doc.application_id:
        latest = doc.application.submitted_version
        return f"v{latest}" if latest > doc.version else ""
    newer = (PrintedDocument.objects.filter(kind=doc.kind, call=doc.call_id,
                                            recommender=doc.recommender_id, pk__gt=doc.pk)
             .exclude(sha256=doc.sha256).order_by("-pk").first())
    return f"{newer.created_at:%Y-%m-%d %H:%M} 生成的版本" if newer else ""


def public_facts(doc: PrintedDocument, page: int) -> dict:
    """What the public page shows: nothing personal (the unit is an organisation)."""
    app = doc.application
    return {
        "unit": app.unit.name if app else (doc.recommender.name if doc.recommender
                                           else doc.call.issuer.name if doc.call else ""),
        "kind": doc.get_kind_display(), "title": doc.title,
        "version": f"v{doc.version}" if doc.version else "",
        "submitted_at": doc.snapshot.created_at if doc.snapshot else None,
        "issued_at": doc.created_at, "page": page, "pages": doc.page_count,
        "sha256": doc.sha256, "newer": newer_version(doc),
        "code": codes.page_code(doc.doc_code, doc.pk, page)}
