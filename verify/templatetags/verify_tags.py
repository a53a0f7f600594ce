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
def call_scans(call, user) -> list[tuple]:
    """(application, latest scan or None) of the call's applications at the region."""
    apps = list(applications_visible_to(user).filter(call=call, status__in=AT_REGION)
                .select_related("unit__parent")
                .order_by("unit__parent__name", "reference"))
    latest = {}
    for scan in SealedScan.objects.filter(application__in=apps).order_by("application", "-id"):
        latest.setdefault(scan.application_id, scan)
    return [(app, latest.get(app.pk)) for app in apps]
