"""Home-page card: the user's construction projects and today's reminders."""

from django.urls import reverse
from django.utils import timezone

from .choices import OPEN_STATUSES
from .selectors import projects_visible_to, reminders_for


def cards(user) -> list[dict]:
    statuses = list(projects_visible_to(user).values_list("status", flat=True))
    if not statuses:
        return []
    open_count = sum(1 for s in statuses if s in OPEN_STATUSES)
    lines = [f"可查看建设项目 {len(statuses)} 个，其中在建设期内 {open_count} 个"]
    lines += [r.message for r in reminders_for(user, timezone.localdate())[:3]]
    return [{"role": "建设项目", "org": "建设项目管理", "lines": lines,
             "link": reverse("projects:list"), "link_text": "进入建设项目"}]
