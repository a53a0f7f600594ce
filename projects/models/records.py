from django.conf import settings
from django.db import models

from declare.schema import BUDGET_SOURCES, CONTENTS

from ..choices import EvaluationKind, Grade, Purpose, ReminderKind
from .project import Milestone, Project

BUDGET_CONTENTS = tuple((key, label) for key, label, _number, _guide in CONTENTS)


class Spending(models.Model):
    """支出记录: money spent from the project's funds, under one allowed purpose (100号 六)."""

    project = models.ForeignKey(Project, verbose_name="建设项目", on_delete=models.CASCADE,
                                related_name="spendings")
    spent_on = models.DateField("支出日期")
    purpose = models.CharField("支出用途", max_length=20, choices=Purpose.choices)
    content = models.CharField("建设内容", max_length=20, choices=BUDGET_CONTENTS, blank=True)
    source = models.CharField("资金来源", max_length=20, choices=BUDGET_SOURCES)
    amount = models.DecimalField("金额（万元）", max_digits=10, decimal_places=2)
    description = models.CharField("摘要", max_length=200)
    voucher = models.CharField("凭证号", max_length=40, blank=True)
    overrun_reason = models.CharField(
        "超预算说明", max_length=300, blank=True,
        help_text="该建设内容该资金来源的累计支出超过表4-2预算时必须说明。")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人",
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "支出记录"
        verbose_name_plural = "支出记录"
        ordering = ["project", "spent_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0),
                                   name="spending_amount_positive"),
            models.CheckConstraint(condition=~models.Q(purpose__in=["travel", "labour"]),
                                   name="spending_purpose_not_forbidden"),
        ]

    def __str__(self):
        return f"{self.spent_on} {self.get_purpose_display()} {self.amount}万元"


class ProgressReport(models.Model):
    """The unit's report on one acceptance point, with its evidence (PDF)."""

    milestone = models.ForeignKey(Milestone, verbose_name="验收要点", on_delete=models.CASCADE,
                                  related_name="reports")
    text = models.TextField("完成情况")
    evidence = models.FileField("佐证材料", upload_to="projects/evidence/%Y/%m/", blank=True)
    evidence_name = models.CharField("佐证材料文件名", max_length=200, blank=True)
    evidence_sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="报告人",
                                    on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField("报告时间", auto_now_add=True)

    class Meta:
        verbose_name = "建设进展报告"
        verbose_name_plural = "建设进展报告"
        ordering = ["milestone", "-reported_at", "-id"]

    def __str__(self):
        return f"{self.milestone} {self.reported_at:%Y-%m-%d}"


class Evaluation(models.Model):
    """定期检查 or 分阶段评估 by the bureau: findings and a grade (100号 七(二))."""

    project = models.ForeignKey(Project, verbose_name="建设项目", on_delete=models.CASCADE,
                                related_name="evaluations")
    kind = models.CharField("类型", max_length=20, choices=EvaluationKind.choices)
    stage = models.PositiveSmallIntegerField("评估阶段（建设期第几年）", null=True, blank=True)
    findings = models.TextField("检查评估意见")
    grade = models.CharField("评估等次", max_length=20, choices=Grade.choices)
    evaluated_on = models.DateField("检查评估日期")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人",
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "检查评估"
        verbose_name_plural = "检查评估"
        ordering = ["project", "evaluated_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="inspection") | models.Q(stage__gte=1),
                name="evaluation_staged_has_stage"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.evaluated_on} {self.get_grade_display()}"


class Acceptance(models.Model):
    """One acceptance decision (验收): pass, or fail with a rectification deadline."""

    project = models.ForeignKey(Project, verbose_name="建设项目", on_delete=models.CASCADE,
                                related_name="acceptances")
    passed = models.BooleanField("验收合格")
    findings = models.TextField("验收意见")
    decided_on = models.DateField("验收日期")
    rectification_due = models.DateField("整改期限", null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="验收人",
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "验收"
        verbose_name_plural = "验收"
        ordering = ["project", "decided_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(passed=True) | models.Q(rectification_due__isnull=False),
                name="acceptance_fail_has_deadline"),
        ]

    def __str__(self):
        return f"{self.decided_on} {'合格' if self.passed else '不合格'}"


class Reminder(models.Model):
    """In-app reminder; one per project, kind and day, so the daily task is idempotent."""

    project = models.ForeignKey(Project, verbose_name="建设项目", on_delete=models.CASCADE,
                                related_name="reminders")
    kind = models.CharField("类型", max_length=20, choices=ReminderKind.choices)
    day = models.DateField("日期")
    message = models.CharField("内容", max_length=300)
    emailed = models.PositiveSmallIntegerField("已发送邮件数", default=0)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = "提醒"
        verbose_name_plural = "提醒"
        ordering = ["-day", "project", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["project", "kind", "day"], name="reminder_once_a_day"),
        ]

    def __str__(self):
        return f"{self.day} {self.message}"
