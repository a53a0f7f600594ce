"""盖章扫描件: store the uploaded scan of the signed and sealed form, decode the QR code of every
page in the worker and say, page by page, what each page is:

  属于 v3 ✓ · 属于 v2（已过期）✗ · 缺页（第 N 页未出现）· 未识别到验证码（请人工核对）· 不属于本申报 ✗

Compared with the printed document most of the current version's pages come from. A mismatch
blocks nothing: the verdict is shown to the unit, its recommender and the region."""

import logging
from collections import Counter

import pypdfium2 as pdfium
import zxingcpp
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.errors import DomainError
from core.sealed import read_plain, save_sealed
from documents.queue import send_unsent
from uploads.validation import UploadKind, validate_upload

from .models import ScanStatus, SealedScan
from .services import find_page

log = logging.getLogger(__name__)

DPI = 200
MAX_PIXELS = 16_000_000  # per rendered page: an A3 page at 200 dpi is about 7.8 million
FAILED = "扫描件无法识别（文件已损坏或页数过多），请重新扫描后上传。"


def upload_scan(application, uploaded_file, *, by) -> SealedScan:
    """Store the scan sealed (it shows names, ID and phone numbers) and queue its check; the
    caller has checked that `by` may see `application` (verify.rules.can_upload_scan)."""
    if not application.submitted_version:
        raise DomainError("本申报尚未提交，没有可与扫描件核对的打印版本。")
    try:
        _kind, name, sha256 = validate_upload(uploaded_file, allowed=(UploadKind.PDF,))
    except ValidationError as exc:
        raise DomainError(exc.messages[0]) from exc
    with transaction.atomic():
        scan = SealedScan(application=application, title=name[:120], size=uploaded_file.size,
                          sha256=sha256, uploaded_by=by)
        save_sealed(scan.file, f"{name}", uploaded_file)
        scan.save()
    transaction.on_commit(lambda: enqueue(scan))
    return scan


def enqueue(scan: SealedScan) -> bool:
    from .tasks import check_scan

    return send_unsent(scan, check_scan, status=ScanStatus.QUEUED)


def check_scan(scan_id: int) -> SealedScan | None:
    """Decode every page of the scan and store the page-by-page verdict (the worker's task)."""
    with transaction.atomic():
        scan = SealedScan.objects.select_for_update().filter(pk=scan_id).first()
        if scan is None:
            log.warning("sealed scan %s vanished before it was checked", scan_id)
            return None
        if scan.status in (ScanStatus.DONE, ScanStatus.FAILED):
            return scan
        scan.status = ScanStatus.RUNNING
        scan.save(update_fields=["status"])
    try:
        found = decode_pages(read_plain(scan.file))
    except (pdfium.PdfiumError, ValueError, OSError) as exc:
        log.warning("sealed scan %s unreadable: %s", scan_id, exc)
        return _finish(scan, status=ScanStatus.FAILED, error=FAILED)
    application = scan.application
    return _finish(scan, status=ScanStatus.DONE, verdict=judge(application, found),
                   checked_version=application.submitted_version)


def _finish(scan: SealedScan, **changes) -> SealedScan:
    for key, value in {**changes, "checked_at": timezone.now()}.items():
        setattr(scan, key, value)
    scan.save()
    return scan


def decode_pages(pdf: bytes) -> list[list[str]]:
    """The texts of the QR codes found on each page of `pdf`, page by page."""
    doc = pdfium.PdfDocument(pdf)
    try:
        if len(doc) > settings.VERIFY_SCAN_MAX_PAGES:
            raise ValueError(f"{len(doc)} pages")
        return [_codes_on(doc[i]) for i in range(len(doc))]
    finally:
        doc.close()


def _codes_on(page) -> list[str]:
    width, height = page.get_size()
    scale = min(DPI / 72, (MAX_PIXELS / max(1.0, width * height)) ** 0.5)
    image = page.render(scale=scale, grayscale=True).to_pil()
    return [r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def judge(application, found: list[list[str]]) -> dict:
    """The verdict of each scanned page and the pages of the printed document not seen."""
    latest = application.submitted_version
    rows = [_page_verdict(application, latest, n, texts) for n, texts in enumerate(found, 1)]
    current = Counter(r["doc"] for r in rows if r["state"] == "ok")
    missing, target = [], None
    if current:
        target = current.most_common(1)[0][0]
        seen = {r["page"] for r in rows if r["doc"] == target}
        pages = next(r["pages"] for r in rows if r["doc"] == target)
        missing = [p for p in range(1, pages + 1) if p not in seen]
    bad = sum(r["state"] != "ok" for r in rows) + len(missing)
    return {"latest": latest, "pages": rows, "missing": missing, "target": target,
            "problems": bad, "summary": _summary(latest, rows, missing, current)}


def _page_verdict(application, latest: int, n: int, texts: list[str]) -> dict:
    hits = [hit for hit in (find_page(t) for t in texts) if hit is not None]
    row = {"scan_page": n, "doc": None, "page": None, "pages": None, "code": ""}
    if not hits:
        state = "foreign" if texts else "unreadable"
        text = "不属于本申报 ✗（验证码无效）" if texts else "未识别到验证码（请人工核对）"
        return {**row, "state": state, "text": text}
    doc, page = hits[0]
    row.update(doc=doc.pk, page=page, pages=doc.page_count,
               code=next(t for t in texts if find_page(t)).rstrip("/").rsplit("/", 1)[-1])
    if doc.application_id != application.pk:
        return {**row, "state": "foreign", "text": "不属于本申报 ✗"}
    where = f"{doc.title} 第 {page} 页（共 {doc.page_count} 页）"
    if doc.version == latest:
        return {**row, "state": "ok", "text": f"属于 v{doc.version} ✓ · {where}"}
    return {**row, "state": "outdated",
            "text": f"属于 v{doc.version}（已过期）✗ · {where}，最新为 v{latest}"}


def _summary(latest: int, rows: list[dict], missing: list[int], current: Counter) -> str:
    if not rows:
        return "扫描件没有页面。"
    if not current:
        return f"扫描件中没有属于最新提交版本 v{latest} 的页面，请人工核对。"
    problems = [f"{sum(r['state'] == s for r in rows)} 页{label}" for s, label in
                (("outdated", "属于旧版本"), ("foreign", "不属于本申报"),
                 ("unreadable", "未识别到验证码")) if any(r["state"] == s for r in rows)]
    if missing:
        problems.append(f"缺 {len(missing)} 页")
    if not problems:
        return f"全部 {len(rows)} 页属于最新提交版本 v{latest}，无缺页。"
    return f"与最新提交版本 v{latest} 不一致：" + "，".join(problems) + "。"
