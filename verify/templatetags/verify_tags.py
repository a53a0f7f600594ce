"""The scan panel and verdict badges other apps' pages include (one line each). The page
already holds the application through its own selector; the call's list is scoped here."""

from django import template
from django.utils.safestring import SafeString

from .. import call_scans
from ..badges import badge
from ..forms import ScanForm
from ..models import SealedScan
from ..rules import can_upload_scan
from ..selectors import latest_scan, scans_of

register = template.Library()


@register.simple_tag
def scan_panel(application, user) -> dict:
    return {"scans": list(scans_of(application)[:5]), "form": ScanForm(),
            "can_upload": can_upload_scan(user, application)}


@register.simple_tag
def scan_of(application) -> SealedScan | None:
    return latest_scan(application)


@register.simple_tag
def call_scans_table(call, user) -> SafeString:
    """The 盖章扫描件核对 table of `call`'s applications at the region `user` may see
    (verify.call_scans), or nothing when there are none."""
    return call_scans.scans_table(call_scans.call_scans(call, user))


@register.simple_tag
def verdict_badge(scan: SealedScan) -> SafeString:
    return badge(scan.status, scan.verdict, scan.error)
