"""The numbers of an application that get summed or filtered, as typed columns (issue 17 §4).

Section.data keeps what the unit typed (strings inside JSON); these rows hold the same
numbers as Decimal / integer, written by declare.projection.project in the transaction of the
section's save, so statistics are SQL aggregates. A value that is blank or does not read as a
number is NULL (SUM skips it, as 表4-2 counts a blank cell as 0). Never edited by hand.
"""

from django.db import models

from .vocab import SKILL_LEVELS


class ApplicationFigures(models.Model):
    """One row per application: 年培训规模 (eligibility), the leader's level and 工作室面积 (master)."""

    application = models.OneToOneField("declare.Application", verbose_name="申报",
                                       on_delete=models.CASCADE, primary_key=True,
                                       related_name="figures")
    capacity = models.PositiveIntegerField("年培训规模（人次）", null=True, db_index=True)
    leader_level = models.CharField("领办人职业技能等级", max_length=10, null=True,
                                    choices=SKILL_LEVELS, db_index=True)
    studio_area = models.DecimalField("工作室面积（平方米）", max_digits=8, decimal_places=2,
                                      null=True, db_index=True)

    class Meta:
        verbose_name = "申报数字"
        verbose_name_plural = "申报数字"

    def __str__(self):
        return f"申报 {self.application_id} 的统计数字"


class BudgetFigure(models.Model):
    """One cell of 表4-2: the amount (万元) of one funding source for one construction content."""

    application = models.ForeignKey("declare.Application", verbose_name="申报",
                                    on_delete=models.CASCADE, related_name="budget_figures")
    content = models.CharField("建设内容", max_length=20)
    source = models.CharField("资金来源", max_length=20)
    amount = models.DecimalField("金额（万元）", max_digits=10, decimal_places=2, null=True)

    class Meta:
        verbose_name = "投入预算金额"
        verbose_name_plural = "投入预算金额"
        constraints = [models.UniqueConstraint(fields=["application", "content", "source"],
                                               name="budget_figure_unique")]
        indexes = [models.Index(fields=["content", "source"])]

    def __str__(self):
        return f"{self.content}·{self.source} {self.amount}"


class TrainingFigure(models.Model):
    """One row of 2022—2024年职业技能培训开展情况: the year and its 培训人次, 高技能人才人次."""

    application = models.ForeignKey("declare.Application", verbose_name="申报",
                                    on_delete=models.CASCADE, related_name="training_figures")
    position = models.PositiveSmallIntegerField("行号")
    year = models.PositiveSmallIntegerField("年度", null=True, db_index=True)
    trainees = models.PositiveIntegerField("培训人次", null=True)
    high_skill = models.PositiveIntegerField("其中高技能人才人次", null=True)

    class Meta:
        verbose_name = "培训开展情况"
        verbose_name_plural = "培训开展情况"
        constraints = [models.UniqueConstraint(fields=["application", "position"],
                                               name="training_figure_unique")]

    def __str__(self):
        return f"{self.year} 年 {self.trainees} 人次"
