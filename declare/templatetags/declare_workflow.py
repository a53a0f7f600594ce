"""Template helpers for the workflow and materials panels on the forms engineer's pages.

    {% load declare_workflow %}
    {% workflow_state application user as wf %}        (findings, problems, permissions)
    {% materials_state application as checklist %}     (declare.services.materials.checklist_status)
    {% returned_sections application as flagged %}     (keys the latest return names)
"""

from django import template

from .. import rules
from ..eligibility.conditions import evaluate
from ..eligibility.outcomes import FAIL, blocking
from ..schema import section_spec
from ..services.materials import checklist_status
from ..services.snapshots import latest_label
from ..services.workflow import latest_return, revision_comments, submission_items

register = template.Library()


@register.simple_tag
def workflow_state(application, user) -> dict:
    findings = evaluate(application)
    may_submit = rules.can_submit(user, application)
    return {
        "findings": findings,
        "fails": sum(1 for f in findings if f.outcome == FAIL),
        "blocking": len(blocking(findings)),
        "problems": submission_items(application) if may_submit else [],
        "can_submit": may_submit,
        "can_withdraw": rules.can_withdraw(user, application),
        "can_edit": rules.can_edit(user, application),
        "returned": latest_return(application),
        "version": latest_label(application),
    }


@register.simple_tag
def materials_state(application) -> list[dict]:
    return checklist_status(application)


@register.simple_tag
def returned_sections(application) -> list[str]:
    """Keys of the sections the recommender's latest return names (marked in the sidebar)."""
    return list(revision_comments(application))


@register.simple_tag
def applicant_of(application, user) -> bool:
    return rules.is_applicant_of(user, application)


@register.filter
def section_heading(key, application) -> str:
    """表1-2 项目背景及工作基础 for "t1_2"."""
    spec = section_spec(application.kind, key, form=application)
    return (spec.heading or spec.title) if spec else key
