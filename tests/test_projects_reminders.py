from datetime import date, timedelta

import pytest
from django.core import mail

from projects.models import Reminder
from projects.services import apply_for_acceptance, decide_acceptance, record_evaluation
from projects.tasks import send_reminders

from .test_projects_support import ready_for_acceptance

pytest_plugins = ["tests.test_projects_support"]
pytestmark = pytest.mark.django_db

# base_project: released 2025-03-01, period ends 2027-03-01, stage 1 ends 2026-03-01.


def _run(day):
    from projects.services import issue_reminders

    return [(r.kind, r.message) for r in issue_reminders(day)]


def test_nothing_is_due_early_in_the_period(base_project):
    assert _run(date(2025, 6, 1)) == []


def test_evaluation_due_30_days_before_the_stage_ends(base_project):
    assert _run(date(2026, 1, 29)) == [] and _run(date(2026, 1, 30)) == [(
        "evaluation_due", f"{base_project.name}建设期第1年（至 2026-03-01）的分阶段评估尚未开展，"
                          "请按项目产出要求组织评估。")]


def test_a_recorded_stage_evaluation_stops_that_reminder(base_project, rex):
    record_evaluation(base_project, by=rex, kind="staged", stage=1, findings="完成",
                      grade="good", evaluated_on=date(2025, 6, 1))
    assert _run(date(2026, 2, 1)) == []


def test_period_ending_within_60_days_then_acceptance_due(base_project, rex):
    for stage in (1, 2):
        record_evaluation(base_project, by=rex, kind="staged", stage=stage, findings="完成",
                          grade="good", evaluated_on=date(2025, 6, 1))
    assert _run(date(2026, 12, 31)) == [(
        "period_ending", f"{base_project.name}建设期将于 2027-03-01 届满（剩余 60 天），"
                         "请按期完成建设内容并申请验收。")]
    assert _run(date(2027, 3, 2)) == [(
        "acceptance_due", f"{base_project.name}建设期已于 2027-03-01 届满，请尽快申请验收。")]


def test_reminders_are_created_once_per_project_kind_and_day(base_project, alice, celery_eager,
                                                            django_capture_on_commit_callbacks):
    alice.email = "alice@example.cn"
    alice.save()
    day = date(2026, 2, 22)  # stage 1 ends 2026-03-01: a week ahead, the unit is notified
    with django_capture_on_commit_callbacks(execute=True):
        assert len(_run(day)) == 1
        assert _run(day) == []
    assert Reminder.objects.filter(project=base_project, day=day).count() == 1
    # the stage's evaluation and its acceptance points fall due the same day: two messages
    assert sorted((m.to, m.subject) for m in mail.outbox) == [
        (["alice@example.cn"], f"【消息通知】分阶段评估待开展：{base_project.name}"),
        (["alice@example.cn"], f"【消息通知】验收要点即将到期：{base_project.name}")]
    assert len(_run(day + timedelta(days=1))) == 1


def test_rectification_deadline_reminds_the_unit(base_project, alice, rita):
    apply_for_acceptance(ready_for_acceptance(base_project, alice), by=alice)
    decide_acceptance(base_project, by=rita, passed=False, findings="未完成",
                      decided_on=date(2025, 6, 1), rectification_due=date(2025, 9, 1))
    kinds = dict(_run(date(2025, 8, 20)))
    assert kinds["acceptance_due"] == (f"{base_project.name}整改期限为 2025-09-01，"
                                       "请完成整改后重新申请验收。")


def test_the_beat_task_runs_for_today_and_counts_new_reminders(city_call, unit_a, rita):
    from django.utils import timezone

    from .test_projects_support import make_project

    make_project(city_call, unit_a, rita, released_on=timezone.localdate() - timedelta(days=700))
    assert send_reminders() == 2  # period ending within 60 days, stage 1 not evaluated
    assert send_reminders() == 0
    from django.conf import settings

    assert settings.CELERY_BEAT_SCHEDULE["projects-daily-reminders"]["task"] == \
        "projects.send_reminders"


def _told(user) -> list[tuple[str, str]]:
    from notify.models import Notification

    return sorted(Notification.objects.filter(user=user).values_list("title", "link"))


def test_the_unit_is_told_7_days_and_1_day_before_the_period_ends_and_once_when_overdue(
        base_project, alice, rex):
    from django.urls import reverse

    for stage in (1, 2):
        record_evaluation(base_project, by=rex, kind="staged", stage=stage, findings="完成",
                          grade="good", evaluated_on=date(2025, 6, 1))
    from projects.models import Milestone
    Milestone.objects.filter(project=base_project).update(due_on=None)
    link = reverse("projects:detail", args=[base_project.pk])
    end = date(2027, 3, 1)
    for day in (end - timedelta(days=8), end - timedelta(days=7), end - timedelta(days=2),
                end - timedelta(days=1), end + timedelta(days=1), end + timedelta(days=2)):
        _run(day)
    assert _told(alice) == [(f"建设期即将届满：{base_project.name}", link)] * 2 + [
        (f"验收待申请：{base_project.name}", link)]
    # every day of the window still has its reminder on the pages
    assert Reminder.objects.filter(project=base_project, kind="period_ending").count() == 4


def test_acceptance_points_without_a_report_are_notified_a_week_ahead(base_project, alice):
    from notify.models import Notification

    due = base_project.milestones.exclude(due_on=None).order_by("due_on").first().due_on
    _run(due - timedelta(days=7))
    _run(due - timedelta(days=7))
    [note] = Notification.objects.filter(user=alice, event="milestone_due")
    assert note.title == f"验收要点即将到期：{base_project.name}"
    assert f"将于 {due:%Y-%m-%d} 到期（还有 7 天），尚未报告完成情况" in note.body
