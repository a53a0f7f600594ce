"""Home-page cards of the reviewer (what waits at each stage) and of the expert (sheets due)."""

from django.urls import reverse

from declare.models import ApplicationStatus
from orgs.roles import Role, review_label, role_label
from orgs.selectors import organisations_for

from .models import Panel, PanelStatus, SheetStatus
from .selectors import assignments_of_expert, calls_reviewable_by


def _reviewer_lines(call) -> list[str]:
    waiting = call.applications.filter(status=ApplicationStatus.FORWARDED)
    lines = [f"{call}：待受理项目 {waiting.count()} 个，已受理 "
             f"{call.applications.filter(admission__isnull=False).count()} 个"]
    for panel in Panel.objects.filter(call=call):
        lines.append(f"{panel.name}：{panel.get_status_display()}")
    return lines


def cards(user) -> list[dict]:
    out = []
    reviewer_orgs = list(organisations_for(user, Role.REVIEWER))
    if reviewer_orgs:
        calls = [c for c in calls_reviewable_by(user) if c.issuer_id in {o.id for o in reviewer_orgs}]
        lines = [line for c in calls[:3] for line in _reviewer_lines(c)]
        for org in reviewer_orgs:
            out.append({"role": role_label(Role.REVIEWER, org), "org": org.label,
                        "lines": lines or ["暂无需要复审的申报批次。"],
                        "link": reverse("review:index"), "link_text": f"进入{review_label(org)}"})
    for org in organisations_for(user, Role.EXPERT):
        mine = list(assignments_of_expert(user))
        due = [a for a in mine if a.panel.status == PanelStatus.SCORING
               and getattr(getattr(a, "sheet", None), "status", None) != SheetStatus.SUBMITTED]
        if due:
            lines = [f"您有 {len(due)} 份评分表待提交（共分配 {len(mine)} 个项目）。"]
        elif mine:
            lines = [f"分配给您的 {len(mine)} 个项目均已评分。"]
        else:
            lines = ["暂无分配给您的评审任务。"]
        out.append({"role": Role.EXPERT.label, "org": org.label, "lines": lines,
                    "link": reverse("review:tasks"), "link_text": "评审任务"})
    return out
