"""Conflict of interest: who may never score which application."""

from .models import ConflictDeclaration

UNIT = "专家所在单位为项目申报单位"
RECOMMENDER = "专家所在单位为该项目的推荐单位"


def conflict_reason(expert, application, declared: dict | None = None) -> str | None:
    """Why `expert` may not score `application`, or None.

    An expert whose organisation is the applicant unit or its recommender, or who declared a
    conflict with the application, is never assigned to it.
    """
    if expert.organisation_id == application.unit_id:
        return UNIT
    if expert.organisation_id == application.unit.parent_id:
        return RECOMMENDER
    if declared is None:
        reason = (ConflictDeclaration.objects.filter(expert=expert, application=application)
                  .values_list("reason", flat=True).first())
    else:
        reason = declared.get((application.id, expert.id))
    return f"本人声明回避：{reason}" if reason else None


def conflict_map(experts, applications) -> dict[tuple[int, int], str]:
    """{(application_id, expert_id): reason} for every conflicted pair (two queries at most)."""
    experts, applications = list(experts), list(applications)
    declared = {(a, e): r for e, a, r in ConflictDeclaration.objects.filter(
        expert__in=experts, application__in=applications,
    ).values_list("expert_id", "application_id", "reason")}
    out = {}
    for app in applications:
        for expert in experts:
            reason = conflict_reason(expert, app, declared)
            if reason:
                out[(app.id, expert.id)] = reason
    return out
