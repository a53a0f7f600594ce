"""The scan panel and verdict badges other apps' pages include (one line each). The page
already holds the application through its own selector; the call's list is scoped here."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core.links import row_url
from declare.models import ApplicationStatus
from declare.selectors import applications_visible_to

from ..badges import badge
from ..forms import ScanForm
from ..models import SealedScan
from ..rules import can_upload_scan
from ..selectors import latest_scan, scans_of

register = template.Library()
AT_REGION = (ApplicationStatus.FORWARDED, ApplicationStatus.ACCEPTED, ApplicationStatus.APPROVED,
             ApplicationStatus.REJECTED)


@register.simple_tag
def scan_panel(application, user) -> dict:
    return {"scans": list(scans_of(application)[:5]), "form": ScanForm(),
            "can_upload": can_upload_scan(user, application)}


@register.simple_tag
def scan_of(application) -> SealedScan | None:
    return latest_scan(application)


@register.simple_tag
def call_scans(call, user) -> list[dict]:
    """The call's applications at the region (through the access policy, as every list), each
    with its latest scan's verdict (badge and link) or None: plain rows of the four columns the table shows, and the
    latest scan per application in one query, a later scan replacing an earlier (not DISTINCT
    ON, which is PostgreSQL only; `make run` is SQLite) (a region-year is hundreds of rows:
    model instances, a lookup, an include and a reverse() per row were a fifth of the receipt
    page, issue 20)."""
    rows = [{"pk": pk, "reference": ref, "unit": unit, "recommender": short or name or ""}
            for pk, ref, unit, short, name in
            applications_visible_to(user).filter(call=call, status__in=AT_REGION)
            .order_by("unit__parent__name", "reference")
            .values_list("pk", "reference", "unit__name", "unit__parent__short_name",
                         "unit__parent__name")]
    verdicts = _verdicts(call)
    for row in rows:
        row["verdict"] = verdicts.get(row["pk"])
    return rows


def _verdicts(call) -> dict:
    """application → its latest scan's badge and link, ready-made: the scans of the call's
    applications at the region in one query, a later scan replacing an earlier."""
    latest = {app_id: (pk, status, verdict, error) for pk, app_id, status, verdict, error in
              SealedScan.objects.filter(application__call=call,
                                        application__status__in=AT_REGION)
              .order_by("id").values_list("id", "application_id", "status", "verdict", "error")}
    link = row_url("verify:scan")  # the line break: where the badge's include used to end
    return {app_id: format_html('{}\n <a href="{}">逐页结果</a>', badge(status, verdict, error),
                                link(pk))
            for app_id, (pk, status, verdict, error) in latest.items()}


@register.simple_tag
def verdict_badge(scan: SealedScan) -> SafeString:
    return badge(scan.status, scan.verdict, scan.error)
