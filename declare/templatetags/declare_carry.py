"""Template helpers of 复制上年申报 (issue 17 §6) on the applicant's pages.

    {% load declare_carry %}
    {% carry_sources_of user [applications] as sources %}           [(earlier application, [calls])]
    {% carry_note application as carried %}        None, or source, open flags count, findings
    {% carry_offer application as offered %}       how many of last year's files may be re-used
"""

from django import template
from django.utils import timezone

from ..eligibility.conditions import evaluate
from ..eligibility.outcomes import PASS
from ..services.carry import carry_of, carry_sources, open_flags
from ..services.materials import reusable_materials

register = template.Library()


@register.simple_tag
def carry_sources_of(user, applications=None) -> list:
    """On the list page the applications it shows; elsewhere (unset: "") read here."""
    return carry_sources(user, today=timezone.localdate(), applications=applications or None)


@register.simple_tag
def carry_note(application) -> dict | None:
    record = carry_of(application)
    if record is None:
        return None
    flags = open_flags(application, record)
    findings = [f for f in evaluate(application) if f.outcome != PASS]
    return {"source": record.source, "count": sum(map(len, flags.values())), "flags": flags,
            "cleared": record.cleared, "findings": findings}


@register.simple_tag
def carry_offer(application) -> int:
    return len(reusable_materials(application)) if application.is_editable else 0
