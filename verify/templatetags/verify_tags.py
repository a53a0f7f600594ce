"""The scan panel and verdict badges other apps' pages include (one line each). The page
already holds the application through its own selector; the call's list is scoped here."""

from django import template

from declare.models import ApplicationStatus
from declare.selectors import applications_visible_to

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
    with its latest scan or None: plain rows of the four columns the table shows, and the
    latest scan per application in one query, a later scan replacing an earlier (not DISTINCT
    ON, which is PostgreSQL only; `make run` is SQLite) (a region-year is hundreds of rows:
    model instances and a lookup per row were a fifth of the receipt page, issue 20)."""
    rows = [{"pk": pk, "reference": ref, "unit": unit, "recommender": short or name or ""}
            for pk, ref, unit, short, name in
            applications_visible_to(user).filter(call=call, status__in=AT_REGION)
            .order_by("unit__parent__name", "reference")
            .values_list("pk", "reference", "unit__name", "unit__parent__short_name",
                         "unit__parent__name")]
    latest = {scan.application_id: scan for scan in
              SealedScan.objects.filter(application__in=[r["pk"] for r in rows])
              .order_by("id")
              .only("id", "application_id", "status", "verdict", "error")}
    for row in rows:
        row["scan"] = latest.get(row["pk"])
    return rows
