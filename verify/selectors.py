"""Scans and verdicts, scoped by who may see the application: "not yours" is "not found"."""

from django.db.models import QuerySet
from django.http import Http404

from declare.selectors import applications_visible_to

from .models import SealedScan


def scans_visible_to(user) -> QuerySet[SealedScan]:
    return SealedScan.objects.filter(application__in=applications_visible_to(user)) \
        .select_related("application", "uploaded_by")


def access_scan(user, pk) -> SealedScan:
    scan = scans_visible_to(user).filter(pk=pk).first()
    if scan is None:
        raise Http404("扫描件不存在。")
    return scan


def scans_of(application) -> QuerySet[SealedScan]:
    """The scans of an application the caller already got through a selector."""
    return SealedScan.objects.filter(application=application).select_related("uploaded_by")


def latest_scan(application) -> SealedScan | None:
    return scans_of(application).first()
