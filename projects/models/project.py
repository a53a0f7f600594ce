from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from calls.choices import Category, ProjectKind, Tier
from calls.models import Call
from catalog.models import Occupation
from declare.models import Application
from declare.vocab import SKILL_LEVELS
from orgs.models import Organisation

from ..choices import STATUS_BADGE, FundingSource, ProjectStatus
from ..records import RecordsQuerySet

# 表3-n-2 construction contents plus the studio's single work plan.
MILESTONE_CONTENTS = (
    ("system", "构建完善的高技能人才培训体系"),
    ("capacity", "提升培训能力"),
    ("results", "高技能人才培养经验成果"),
    ("plan", "工作室工作计划目标"),
)


class FundingRule(models.Model):
    """Subsidy per project for a national/regional call, by kind, category and tier (万元)."""

    call = models.ForeignKey(Call, verbose_name="申报批次", on_delete=models.CASCADE,
                             related_name="funding_rules")
    kind = models.CharField("项目类型", max_length=10, choices=ProjectKind.choices)
    category = models.CharField("项目类别", max_length=20, choices=Category.choices)
    tier = models.CharField("档次", max_length=1, choices=Tier.choices, blank=True)
    amount = models.DecimalField("补助金额（万元）", max_digits=8, decimal_places=2)

    class Meta:
        verbose_name = "补助标准"
        verbose_name_plural = "补助标准"
        ordering = ["call", "kind", "category", "tier"]
        constraints = [
            models.UniqueConstraint(fields=["call", "kind", "category", "tier"],
                                    name="funding_rule_unique"),
            models.CheckConstraint(condition=models.Q(amount__gt=0),
                                   name="funding_rule_amount_positive"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.get_category_display()}{self.tier} {self.amount}万元"


class Project(models.Model):
    """建设项目: an approved application under construction, with its funds and period."""

    application = models.OneToOneField(Application, verbose_name="申报", on_delete=models.PROTECT,
                                       related_name="project")
    call = models.ForeignKey(Call, verbose_name="申报批次", on_delete=models.PROTECT,
                             related_name="projects")
    unit = models.ForeignKey(Organisation, verbose_name="项目建设单位", on_delete=models.PROTECT,
                             related_name="projects")
    kind = models.CharField("项目类型", max_length=10, choices=ProjectKind.choices)
    category = models.CharField("项目类别", max_length=20, choices=Category.choices)
    tier = models.CharField("档次", max_length=1, choices=Tier.choices, blank=True)
    occupation = models.ForeignKey(Occupation, verbose_name="职业（工种）", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    leader_name = models.CharField("领办人", max_length=40, blank=True)
    leader_level = models.CharField("领办人职业技能等级", max_length=20, blank=True)
    amount = models.DecimalField("补助资金（万元）", max_digits=8, decimal_places=2)
    source = models.CharField("资金来源", max_length=20, choices=FundingSource.choices,
                              default=FundingSource.EMPLOYMENT)
    released_on = models.DateField("资金下达日期", null=True, blank=True)
    period_end = models.DateField("建设期截止日期", null=True, blank=True)
    status = models.CharField("状态", max_length=30, choices=ProjectStatus.choices,
                              default=ProjectStatus.CONSTRUCTION, db_index=True)
    rectification_due = models.DateField("整改期限", null=True, blank=True)
    accepted_on = models.DateField("验收合格日期", null=True, blank=True)
    plaque_number = models.CharField("牌匾编号", max_length=40, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="立项人",
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("立项时间", auto_now_add=True)
    history = HistoricalRecords()
    # every queryset write gives the pre-check's cached records a new version (projects.records)
    objects = RecordsQuerySet.as_manager()

    class Meta:
        verbose_name = "建设项目"
        verbose_name_plural = "建设项目"
        ordering = ["-call__year", "kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plaque_number"], condition=~models.Q(plaque_number=""),
                                    name="project_plaque_number_unique"),
            models.CheckConstraint(condition=models.Q(amount__gte=0),
                                   name="project_amount_not_negative"),
            models.CheckConstraint(
                condition=models.Q(period_end__isnull=True) | models.Q(released_on__isnull=False),
                name="project_period_needs_release"),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return f"{self.unit.name}{self.get_kind_display()}"

    @property
    def leader_level_label(self) -> str:
        return dict(SKILL_LEVELS).get(self.leader_level, self.leader_level)

    @property
    def status_badge(self) -> str:
        return STATUS_BADGE[self.status]

    @property
    def construction_years(self) -> int:
        key = "base_construction_years" if self.kind == ProjectKind.BASE \
            else "studio_construction_years"
        return self.call.threshold(key)


class Milestone(models.Model):
    """One acceptance point of 表3-n-2 (建设期第一年/第二年验收要点), or the studio's plan."""

    project = models.ForeignKey(Project, verbose_name="建设项目", on_delete=models.CASCADE,
                                related_name="milestones")
    speciality = models.PositiveSmallIntegerField("专业序号", default=1)
    content = models.CharField("建设内容", max_length=20, choices=MILESTONE_CONTENTS)
    position = models.PositiveSmallIntegerField("条目序号")
    year = models.PositiveSmallIntegerField("建设期第几年")
    item = models.TextField("建设内容条目", blank=True)
    point = models.TextField("验收要点")
    due_on = models.DateField("到期日期", null=True, blank=True)

    class Meta:
        verbose_name = "验收要点"
        verbose_name_plural = "验收要点"
        ordering = ["project", "year", "speciality", "content", "position"]
        constraints = [
            models.UniqueConstraint(fields=["project", "speciality", "content", "position", "year"],
                                    name="milestone_unique"),
        ]

    def __str__(self):
        return f"建设期第{self.year}年 {self.get_content_display()} {self.position}"


class ProjectEvent(models.Model):
    """Append-only timeline: every transition and decision with who, when and why."""

    project = models.ForeignKey(Project, verbose_name="建设项目", on_delete=models.CASCADE,
                                related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True,
                              on_delete=models.SET_NULL, related_name="+")
    action = models.CharField("操作", max_length=40)
    from_status = models.CharField("原状态", max_length=30, blank=True)
    to_status = models.CharField("新状态", max_length=30, blank=True)
    comment = models.TextField("说明", blank=True)
    payload = models.JSONField("附加信息", default=dict, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "项目记录"
        verbose_name_plural = "项目记录"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"
