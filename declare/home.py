from django.urls import reverse
from django.utils import timezone

from calls.selectors import calls_for_applicant
from orgs.roles import Role
from orgs.selectors import organisations_for

from .models import Application, ApplicationStatus


def deadline_text(call) -> str:
    """截止 1月30日 this year; with the year (2027年1月30日) when the deadline is in another."""
    d = timezone.localtime(call.deadline)
    day = f"{d.month}月{d.day}日"
    return day if d.year == timezone.localdate().year else f"{d.year}年{day}"


def cards(user) -> list[dict]:
    """What an applicant unit should do next: drafts to finish, returned ones to fix."""
    out = []
    for unit in organisations_for(user, Role.APPLICANT):
        apps = Application.objects.filter(unit=unit).select_related("call")
        drafts = [a for a in apps if a.status == ApplicationStatus.DRAFT]
        returned = [a for a in apps if a.status == ApplicationStatus.RETURNED]
        lines = []
        for status_apps, word in ((drafts, "草稿未提交"), (returned, "申报被退回待修改")):
            if status_apps:
                call = min((a.call for a in status_apps), key=lambda c: c.deadline)
                lines.append(f"贵单位有 {len(status_apps)} 份{word}，截止 {deadline_text(call)}")
        if not apps:   # the calls open to the unit only matter then: no query otherwise
            open_calls = [c for c in calls_for_applicant(unit) if c.is_open]
            if open_calls:
                lines.append(f"{open_calls[0]} 正在申报，截止 {deadline_text(open_calls[0])}")
        if not lines:
            lines.append(f"贵单位共有 {len(apps)} 份申报，暂无待办事项。")
        out.append({"role": Role.APPLICANT.label, "org": unit.label, "lines": lines,
                    "link": reverse("declare:list"), "link_text": "进入申报"})
    return out
