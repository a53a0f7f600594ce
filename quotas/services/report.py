"""推荐报告: the structured report, its expert group and the sealed scans."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.errors import DomainError
from uploads import validate_upload

from ..models import PackageAction, RecommendationReport, ReportExpert, ReportScan, ScanKind
from ._common import check_editable, check_recommender, lock_package, package_event

REPORT_FIELDS = ("procedure", "method", "notice_start", "notice_end", "notice_place",
                 "notice_result", "objections", "meeting_date", "meeting_conclusion",
                 "discipline_opinion")
EXPERT_FIELDS = ("name", "unit", "title")


def _open(package, by, now):
    package = lock_package(package)
    check_recommender(by, package)
    check_editable(package, now or timezone.now())
    return package


def save_report(package, *, by, data: dict, experts: list[dict], now=None) -> RecommendationReport:
    """Save the report as typed so far (incomplete is allowed; submission checks it)."""
    with transaction.atomic():
        package = _open(package, by, now)
        values = {k: data.get(k) for k in REPORT_FIELDS}
        report, _ = RecommendationReport.objects.update_or_create(
            package=package, defaults={**values, "updated_by": by})
        report.experts.all().delete()
        rows = [e for e in experts if any((e.get(k) or "").strip() for k in EXPERT_FIELDS)]
        ReportExpert.objects.bulk_create(
            ReportExpert(report=report, position=i, **{k: (e.get(k) or "").strip()
                                                      for k in EXPERT_FIELDS})
            for i, e in enumerate(rows, start=1))
        package_event(package, by=by, action=PackageAction.REPORT,
                      payload={"experts": len(rows)})
    return report


def add_scan(package, *, by, kind: str, upload, now=None) -> ReportScan:
    """Keep a signed, sealed scan with the report (PDF only, private storage)."""
    if kind not in ScanKind.values:
        raise DomainError("请选择材料类型。")
    try:
        _kind, safe_name, digest = validate_upload(upload, allowed=("pdf",))
    except ValidationError as exc:
        raise DomainError("；".join(exc.messages)) from exc
    with transaction.atomic():
        package = _open(package, by, now)
        report, _ = RecommendationReport.objects.get_or_create(package=package,
                                                               defaults={"updated_by": by})
        scan = ReportScan(report=report, kind=kind, title=safe_name, size=upload.size,
                          sha256=digest, content_type="application/pdf", uploaded_by=by)
        scan.file.save(safe_name, upload, save=False)
        scan.save()
        package_event(package, by=by, action=PackageAction.SCAN,
                      comment=f"{ScanKind(kind).label}：{safe_name}",
                      payload={"scan": scan.pk, "sha256": digest})
    return scan


def delete_scan(scan, *, by, now=None) -> None:
    with transaction.atomic():
        package = _open(scan.report.package, by, now)
        package_event(package, by=by, action=PackageAction.SCAN_DELETE,
                      comment=f"{scan.get_kind_display()}：{scan.title}",
                      payload={"sha256": scan.sha256})
        name = scan.file.name
        scan.delete()
        storage = ReportScan._meta.get_field("file").storage
        transaction.on_commit(lambda: storage.delete(name))
