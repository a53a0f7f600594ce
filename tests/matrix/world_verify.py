"""Verification objects of the matrix world: a printed 汇总表 page's code and a sealed scan of
unit A's application (the row as the upload service stores it: app_a of the world has no
numbered submission, which the service asks for)."""

from core.sealed import save_sealed
from verify.codes import page_code
from verify.models import DocumentKind, PrintedDocument, SealedScan
from verify.services import issue

from ..quotas_support import pdf_bytes
from ..test_uploads_samples import pdf_upload


def build_verify(w) -> None:
    issue(pdf_bytes(), kind=DocumentKind.SUMMARY, title="附件2-1 矩阵", call=w.call,
          recommender=w.recommender_x)
    doc = PrintedDocument.objects.latest("pk")
    w.verify_code = page_code(doc.doc_code, doc.pk, 1)
    scan = SealedScan(application=w.app_a, title="盖章扫描件.pdf", size=100, sha256="0" * 64,
                      uploaded_by=w.users["alice"])
    save_sealed(scan.file, "scan.pdf", pdf_upload("盖章扫描件.pdf"))
    scan.save()
    w.verify_scan = scan
