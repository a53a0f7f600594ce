from django.urls import reverse

from calls.selectors import calls_for_recommender
from declare.home import deadline_text
from declare.models import Application, ApplicationStatus
from orgs.roles import Role
from orgs.selectors import organisations_for


def cards(user) -> list[dict]:
    """What a recommender should do next: applications awaiting 初评, and the deadline."""
    out = []
    for org in organisations_for(user, Role.RECOMMENDER):
        lines = []
        calls = list(calls_for_recommender(org).filter(status="open"))
        for call in calls:
            waiting = Application.objects.filter(
                call=call, unit__parent=org, status=ApplicationStatus.SUBMITTED).count()
            lines.append(f"{call}：{waiting} 份申报待初评，报送截止 {deadline_text(call)}")
        link = (reverse("quotas:inbox", args=[org.pk, calls[0].pk]) if len(calls) == 1
                else reverse("quotas:index") if calls else "")
        out.append({"role": Role.RECOMMENDER.label, "org": org.label,
                    "lines": lines or ["暂无进行中的申报批次。"], "link": link,
                    "link_text": "进入推荐工作（初评）" if link else ""})
    return out
