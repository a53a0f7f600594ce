from decimal import Decimal

from django.conf import settings
from django.db import models

from calls.choices import ProjectKind
from calls.models import Call

from .panels import Assignment, Panel


class Rubric(models.Model):
    """评分细则 of one call and kind; a change publishes a new version, old ones stay."""

    call = models.ForeignKey(Call, verbose_name="申报批次", on_delete=models.PROTECT,
                             related_name="rubrics")
    kind = models.CharField("项目类型", max_length=10, choices=ProjectKind.choices)
    version = models.PositiveSmallIntegerField("版本")
    note = models.CharField("修订说明", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发布人", null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("发布时间", auto_now_add=True)

    class Meta:
        verbose_name = "评分细则"
        verbose_name_plural = "评分细则"
        ordering = ["call", "kind", "-version"]
        constraints = [models.UniqueConstraint(fields=["call", "kind", "version"],
                                               name="rubric_version_unique")]

    def __str__(self):
        return f"{self.get_kind_display()}评分细则 第{self.version}版"

    def max_total(self) -> Decimal:
        return sum((c.max_points * c.weight for c in self.criteria.all()), Decimal("0"))


class Criterion(models.Model):
    rubric = models.ForeignKey(Rubric, verbose_name="评分细则", on_delete=models.CASCADE,
                               related_name="criteria")
    position = models.PositiveSmallIntegerField("序号")
    group = models.CharField("评分维度", max_length=40)
    name = models.CharField("评分项", max_length=60)
    max_points = models.DecimalField("分值上限", max_digits=5, decimal_places=2)
    weight = models.DecimalField("权重", max_digits=4, decimal_places=2, default=Decimal("1"))
    guidance = models.CharField("评分要点", max_length=300, blank=True)

    class Meta:
        verbose_name = "评分项"
        verbose_name_plural = "评分项"
        ordering = ["rubric", "position"]
        constraints = [
            models.UniqueConstraint(fields=["rubric", "position"], name="criterion_position"),
            models.CheckConstraint(condition=models.Q(max_points__gt=0, weight__gt=0),
                                   name="criterion_positive"),
        ]

    def __str__(self):
        return self.name


class SheetStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"


class ScoreSheet(models.Model):
    """评分表: one expert's scores for one application."""

    assignment = models.OneToOneField(Assignment, verbose_name="评审分配",
                                      on_delete=models.PROTECT, related_name="sheet")
    rubric = models.ForeignKey(Rubric, verbose_name="评分细则", on_delete=models.PROTECT,
                               related_name="+")
    status = models.CharField("状态", max_length=10, choices=SheetStatus.choices,
                              default=SheetStatus.DRAFT)
    comment = models.TextField("评审意见", blank=True)
    total = models.DecimalField("总分", max_digits=6, decimal_places=2, null=True, blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    reopen_reason = models.CharField("退回重评理由", max_length=200, blank=True)

    class Meta:
        verbose_name = "评分表"
        verbose_name_plural = "评分表"

    def __str__(self):
        return f"评分表 {self.assignment_id} {self.get_status_display()}"

    @property
    def is_locked(self) -> bool:
        return self.status == SheetStatus.SUBMITTED


class Score(models.Model):
    sheet = models.ForeignKey(ScoreSheet, verbose_name="评分表", on_delete=models.CASCADE,
                              related_name="scores")
    criterion = models.ForeignKey(Criterion, verbose_name="评分项", on_delete=models.PROTECT,
                                  related_name="+")
    points = models.DecimalField("得分", max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = "得分"
        verbose_name_plural = "得分"
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="score_unique"),
            models.CheckConstraint(condition=models.Q(points__gte=0), name="score_not_negative"),
        ]

    def __str__(self):
        return f"{self.criterion_id}: {self.points}"


class PanelResult(models.Model):
    """The frozen, recomputable result written when the panel closes."""

    panel = models.OneToOneField(Panel, verbose_name="专家组", on_delete=models.CASCADE,
                                 related_name="result")
    rubric_version = models.PositiveSmallIntegerField("评分细则版本")
    method = models.CharField("计算方法", max_length=200)
    rounding = models.CharField("舍入规则", max_length=100)
    tie_rule = models.CharField("同分排序规则", max_length=200)
    raw_sha256 = models.CharField("原始评分SHA-256", max_length=64)
    rows = models.JSONField("排名结果")
    consistency = models.JSONField("专家一致性", default=dict)
    computed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    computed_at = models.DateTimeField("计算时间", auto_now_add=True)

    class Meta:
        verbose_name = "评审结果"
        verbose_name_plural = "评审结果"

    def __str__(self):
        return f"{self.panel} 评审结果"
