"""What anyone may read without logging in (issue 18 §6): published 公示 with what an upheld
objection took off the list, and the projects that passed acceptance (验收合格). Nothing here
carries personal data: units, projects, dates and the office's published contact only."""

from django.db.models import QuerySet

from projects.choices import ProjectStatus
from projects.models import Project
from review.models import NoticeStatus, ObjectionOutcome, PublicNotice

# A withdrawn 公示 stays public, marked 已撤回 with its reason and date: a citizen who read it
# should find out what became of it, and where the corrected one is.
SHOWN = (NoticeStatus.PUBLISHED, NoticeStatus.CONFIRMED, NoticeStatus.WITHDRAWN)


def published_notices() -> QuerySet[PublicNotice]:
    return (PublicNotice.objects.filter(status__in=SHOWN).select_related("call__issuer")
            .order_by("-starts_on", "-id"))


def related_notices(notice: PublicNotice) -> list[PublicNotice]:
    """The other public 公示 of the same call, newest first (the current one, withdrawn ones)."""
    return list(published_notices().filter(call_id=notice.call_id).exclude(pk=notice.pk))


def withdrawn_from(notice: PublicNotice) -> list[dict]:
    """The listed projects an upheld objection took off the list, with the day it was decided."""
    upheld = (notice.objections.filter(outcome=ObjectionOutcome.UPHELD, application__isnull=False)
              .select_related("application__unit").order_by("resolved_at"))
    return [{"unit": o.application.unit.name, "kind": o.application.get_kind_display(),
             "on": o.resolved_at} for o in upheld]


def accepted_projects() -> QuerySet[Project]:
    return (Project.objects.filter(status=ProjectStatus.ACCEPTED)
            .select_related("unit", "call", "occupation").order_by("-accepted_on", "id"))
