from django.utils import timezone

from calls.selectors import calls_for_recommender
from declare.models import Application, ApplicationStatus
from orgs.roles import Role
from orgs.selectors import organisations_for


def cards(user) -> list[dict]:
    """What a recommender should do next: applications awaiting 初评, and the deadline."""
    out = []
    for org in organisations_for(user, Role.RECOMMENDER):
        lines = []
        for call in calls_for_recommender(org).filter(status="open"):
            waiting = Application.objects.filter(
                call=call, unit__parent=org, status=ApplicationStatus.SUBMITTED).count()
            d = timezone.localtime(call.deadline)
            lines.append(f"{call}：{waiting} 份申报待初评，报送截止 {d.month}月{d.day}日")
        out.append({"role": Role.RECOMMENDER.label, "org": org.label,
                    "lines": lines or ["暂无进行中的申报批次。"], "link": "", "link_text": ""})
    return out
