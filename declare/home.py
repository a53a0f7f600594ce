from django.urls import reverse
from django.utils import timezone

from calls.selectors import calls_for_applicant
from orgs.roles import Role
from orgs.selectors import organisations_for

from .models import Application, ApplicationStatus


def _deadline(call) -> str:
    d = timezone.localtime(call.deadline)
    return f"{d.month}月{d.day}日"


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
                lines.append(f"贵单位有 {len(status_apps)} 份{word}，截止 {_deadline(call)}")
        open_calls = [c for c in calls_for_applicant(unit) if c.is_open]
        if not apps and open_calls:
            lines.append(f"{open_calls[0]} 正在申报，截止 {_deadline(open_calls[0])}")
        if not lines:
            lines.append(f"贵单位共有 {len(apps)} 份申报，暂无待办事项。")
        out.append({"role": Role.APPLICANT.label, "org": unit.label, "lines": lines,
                    "link": reverse("declare:list"), "link_text": "进入申报"})
    return out
