"""Daily reminders: construction period ending, staged evaluation due, acceptance due, and
the acceptance points (验收要点) falling due.

Idempotent: one Reminder per project, kind and day (a database constraint) for the pages; the
unit is notified (消息通知 and e-mail, notify.services.send) 7 days and 1 day before each date,
once per date (a notification key), and once when acceptance is overdue.
"""

from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse

from core.dates import add_years
from notify import recipients
from notify.services import due_in, send

from ..choices import OPEN_STATUSES, EvaluationKind, ProjectStatus, ReminderKind
from ..models import Project, Reminder

# How far ahead the pages show a reminder; our own service levels, not thresholds of the notices.
PERIOD_ENDING_DAYS = 60
EVALUATION_AHEAD_DAYS = 30
RECTIFICATION_AHEAD_DAYS = 14


def _period_ending(project, today) -> tuple | None:
    left = (project.period_end - today).days
    if project.status == ProjectStatus.CONSTRUCTION and 0 <= left <= PERIOD_ENDING_DAYS:
        return (f"{project.name}建设期将于 {project.period_end:%Y-%m-%d} 届满（剩余 {left} 天），"
                "请按期完成建设内容并申请验收。", project.period_end)
    return None


def _evaluation_due(project, today) -> tuple | None:
    done = {e.stage for e in project.evaluations.all() if e.kind == EvaluationKind.STAGED}
    for stage in range(1, project.construction_years + 1):
        stage_end = add_years(project.released_on, stage)
        if stage not in done and today >= stage_end - timedelta(days=EVALUATION_AHEAD_DAYS):
            return (f"{project.name}建设期第{stage}年（至 {stage_end:%Y-%m-%d}）的分阶段评估"
                    "尚未开展，请按项目产出要求组织评估。", stage_end)
    return None


def _acceptance_due(project, today) -> tuple | None:
    if project.status == ProjectStatus.CONSTRUCTION and today >= project.period_end:
        return f"{project.name}建设期已于 {project.period_end:%Y-%m-%d} 届满，请尽快申请验收。", None
    due = project.rectification_due
    if project.status == ProjectStatus.RECTIFYING and due and \
            (due - today).days <= RECTIFICATION_AHEAD_DAYS:
        return f"{project.name}整改期限为 {due:%Y-%m-%d}，请完成整改后重新申请验收。", due
    return None


CHECKS = {
    ReminderKind.PERIOD_ENDING: _period_ending,
    ReminderKind.EVALUATION_DUE: _evaluation_due,
    ReminderKind.ACCEPTANCE_DUE: _acceptance_due,
}


def _notify(project, kind, message, deadline, today) -> int:
    """7 days and 1 day before `deadline`; without one (acceptance overdue) once. Returns how
    many of the messages go out by e-mail."""
    if deadline is None:
        key = f"project:{project.pk}:{kind}:{project.period_end:%Y%m%d}"
    else:
        days = due_in(deadline, today)
        if days is None:
            return 0
        key = f"project:{project.pk}:{kind}:{deadline:%Y%m%d}:{days}"
    rows = send(recipients.unit_of(project), title=f"{ReminderKind(kind).label}：{project.name}",
                body=message, event=kind, key=key,
                link=reverse("projects:detail", args=[project.pk]))
    return sum(1 for r in rows if r.email_to)


def _remind(project, kind, found, today) -> Reminder | None:
    message, deadline = found
    with transaction.atomic():
        reminder, created = Reminder.objects.get_or_create(
            project=project, kind=kind, day=today, defaults={"message": message})
        if not created:
            return None
        reminder.emailed = _notify(project, kind, message, deadline, today)
        if reminder.emailed:
            reminder.save(update_fields=["emailed"])
    return reminder


def _milestones_due(project, today) -> None:
    """Acceptance points without a progress report, 7 days and 1 day before they fall due."""
    due = {}
    for m in project.milestones.all():
        if m.due_on and due_in(m.due_on, today) and not m.reports.all():
            due.setdefault(m.due_on, []).append(m)
    for day, points in due.items():
        days = due_in(day, today)
        send(recipients.unit_of(project), event="milestone_due",
             key=f"project:{project.pk}:milestones:{day:%Y%m%d}:{days}",
             title=f"验收要点即将到期：{project.name}",
             body=f"{project.name}建设期第{points[0].year}年的{len(points)}项验收要点将于"
                  f" {day:%Y-%m-%d} 到期（还有 {days} 天），尚未报告完成情况，请及时填报进展并上传佐证材料。",
             link=reverse("projects:detail", args=[project.pk]))


def issue_reminders(today: date) -> list[Reminder]:
    """Create today's reminders for every open, funded project; returns the new ones."""
    projects = (Project.objects.filter(status__in=OPEN_STATUSES, released_on__isnull=False)
                .select_related("unit", "call")
                .prefetch_related("evaluations", "milestones__reports"))
    created = []
    for project in projects:
        for kind, check in CHECKS.items():
            found = check(project, today)
            if found:
                reminder = _remind(project, kind, found, today)
                if reminder:
                    created.append(reminder)
        with transaction.atomic():
            _milestones_due(project, today)
    return created
