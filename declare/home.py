from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone

from calls.selectors import calls_for_applicant
from orgs.roles import Role
from orgs.selectors import organisations_for

from .models import Application, ApplicationStatus


def deadline_text(call) -> str:
    """截止 1月30日 this year; with the year (2027年1月30日) when the deadline is in another."""
    return deadline_day(call.deadline)


def deadline_day(deadline) -> str:
    d = timezone.localtime(deadline)
    day = f"{d.month}月{d.day}日"
    return day if d.year == timezone.localdate().year else f"{d.year}年{day}"


def cards(user) -> list[dict]:
    """What an applicant unit should do next: drafts to finish, returned ones to fix (one
    count per status with its earliest deadline: no application is loaded)."""
    out = []
    for unit in organisations_for(user, Role.APPLICANT):
        by_status = {row["status"]: row for row in Application.objects.filter(unit=unit)
                     .order_by().values("status")
                     .annotate(n=Count("pk"), due=Min("call__deadline"))}
        total = sum(row["n"] for row in by_status.values())
        lines = []
        for status, word in ((ApplicationStatus.DRAFT, "草稿未提交"),
                             (ApplicationStatus.RETURNED, "申报被退回待修改")):
            if status in by_status:
                row = by_status[status]
                lines.append(f"贵单位有 {row['n']} 份{word}，截止 {deadline_day(row['due'])}")
        if not total:
            open_calls = [c for c in calls_for_applicant(unit) if c.is_open]
            if open_calls:
                lines.append(f"{open_calls[0]} 正在申报，截止 {deadline_text(open_calls[0])}")
        if not lines:
            lines.append(f"贵单位共有 {total} 份申报，暂无待办事项。")
        out.append({"role": Role.APPLICANT.label, "org": unit.label, "lines": lines,
                    "link": reverse("declare:list"), "link_text": "进入申报"})
    return out
