"""复制批次: next year's call made from this one — the dates moved on by the years between,
indicators, subsidies, recommenders, thresholds copied; each app copies its own part on
calls.signals.call_copied (quotas: 附件1 推荐名额; review: the 评分细则 in force). The copy is
never open: it is 未发布 until its 文号 and dates are edited and calls.readiness finds nothing
missing."""

from datetime import date, datetime

from django.db import transaction

from audit.models import AuditAction
from audit.services import log_event
from core.dates import add_years

from .choices import CallStatus
from .models import Call
from .signals import call_copied

PLACEHOLDER = "待修改"


def shift_year(value, years: int):
    """The same day `years` later (29 February → 28 February in a common year)."""
    if value is None:
        return None
    return add_years(value, years)


def placeholder_doc_number(source: Call, year: int) -> str:
    base = f"{source.doc_number}（{year}年，{PLACEHOLDER}）"
    number, n = base, 1
    while Call.objects.filter(doc_number=number).exists():
        n += 1
        number = f"{base[:-1]}{n}）"
    return number


@transaction.atomic
def copy_call(source: Call, *, by, year: int | None = None, request=None) -> Call:
    """A new 未发布 call for `year` (default: the next year) made from `source`."""
    year = year or source.year + 1
    years = year - source.year
    skip = {"id", "status", "year", "title", "doc_number", "extended_deadline", "thresholds"}
    fields = {f.name: getattr(source, f.name) for f in Call._meta.concrete_fields
              if f.name not in skip}
    for name, value in fields.items():
        if isinstance(value, (date, datetime)):
            fields[name] = shift_year(value, years)
    copy = Call.objects.create(
        **fields, year=year, status=CallStatus.DRAFT,
        title=source.title.replace(str(source.year), str(year)),
        doc_number=placeholder_doc_number(source, year),
        thresholds=dict(source.thresholds or {}))
    copy.recommenders.set(source.recommenders.all())
    call_copied.send(sender=Call, source=source, copy=copy)
    log_event(copy, by, AuditAction.CHANGE, reason=f"由“{source}”复制", request=request,
              copied_from=source.pk)
    return copy
