"""Daily reminders: construction period ending, staged evaluation due, acceptance due.

Idempotent: one Reminder per project, kind and day (a database constraint), and the e-mail
goes out only when that row is first created.
"""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction

from orgs.roles import Role

from ..choices import OPEN_STATUSES, EvaluationKind, ProjectStatus, ReminderKind
from ..dates import add_years
from ..models import Project, Reminder

# How far ahead we warn; our own service levels, not thresholds of the notices.
PERIOD_ENDING_DAYS = 60
EVALUATION_AHEAD_DAYS = 30
RECTIFICATION_AHEAD_DAYS = 14


def _period_ending(project, today) -> str | None:
    left = (project.period_end - today).days
    if project.status == ProjectStatus.CONSTRUCTION and 0 <= left <= PERIOD_ENDING_DAYS:
        return (f"{project.name}建设期将于 {project.period_end:%Y-%m-%d} 届满（剩余 {left} 天），"
                "请按期完成建设内容并申请验收。")
    return None


def _evaluation_due(project, today) -> str | None:
    done = {e.stage for e in project.evaluations.all() if e.kind == EvaluationKind.STAGED}
    for stage in range(1, project.construction_years + 1):
        stage_end = add_years(project.released_on, stage)
        if stage not in done and today >= stage_end - timedelta(days=EVALUATION_AHEAD_DAYS):
            return (f"{project.name}建设期第{stage}年（至 {stage_end:%Y-%m-%d}）的分阶段评估"
                    "尚未开展，请按项目产出要求组织评估。")
    return None


def _acceptance_due(project, today) -> str | None:
    if project.status == ProjectStatus.CONSTRUCTION and today >= project.period_end:
        return f"{project.name}建设期已于 {project.period_end:%Y-%m-%d} 届满，请尽快申请验收。"
    due = project.rectification_due
    if project.status == ProjectStatus.RECTIFYING and due and \
            (due - today).days <= RECTIFICATION_AHEAD_DAYS:
        return f"{project.name}整改期限为 {due:%Y-%m-%d}，请完成整改后重新申请验收。"
    return None


CHECKS = {
    ReminderKind.PERIOD_ENDING: _period_ending,
    ReminderKind.EVALUATION_DUE: _evaluation_due,
    ReminderKind.ACCEPTANCE_DUE: _acceptance_due,
}


def _recipients(project) -> list[str]:
    users = get_user_model().objects.filter(
        memberships__organisation=project.unit, memberships__role=Role.APPLICANT,
        is_active=True).exclude(email="")
    return sorted({u.email for u in users})


def _remind(project, kind, message, today) -> Reminder | None:
    with transaction.atomic():
        reminder, created = Reminder.objects.get_or_create(
            project=project, kind=kind, day=today, defaults={"message": message})
        if not created:
            return None
        to = _recipients(project)
        if to:
            reminder.emailed = len(to)
            reminder.save(update_fields=["emailed"])
            transaction.on_commit(lambda: send_mail(
                f"【建设项目提醒】{ReminderKind(kind).label}", message,
                settings.DEFAULT_FROM_EMAIL, to, fail_silently=True))
    return reminder


def issue_reminders(today: date) -> list[Reminder]:
    """Create today's reminders for every open, funded project; returns the new ones."""
    projects = (Project.objects.filter(status__in=OPEN_STATUSES, released_on__isnull=False)
                .select_related("unit", "call").prefetch_related("evaluations"))
    created = []
    for project in projects:
        for kind, check in CHECKS.items():
            message = check(project, today)
            if message:
                reminder = _remind(project, kind, message, today)
                if reminder:
                    created.append(reminder)
    return created
