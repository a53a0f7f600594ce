from decimal import Decimal

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from calls.choices import ProjectKind
from calls.models import Call

from .experts import Expert


class PanelStatus(models.TextChoices):
    FORMING = "forming", "组建中"
    SCORING = "scoring", "评分中"
    CLOSED = "closed", "评分结束"


# The panel's actions and their states: review.workflow.PANEL.


class Panel(models.Model):
    """专家组: one per call and project kind."""

    call = models.ForeignKey(Call, verbose_name="申报批次", on_delete=models.PROTECT,
                             related_name="panels")
    kind = models.CharField("项目类型", max_length=10, choices=ProjectKind.choices)
    name = models.CharField("名称", max_length=80)
    status = models.CharField("状态", max_length=10, choices=PanelStatus.choices,
                              default=PanelStatus.FORMING)
    chair = models.ForeignKey(Expert, verbose_name="组长", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="chaired_panels")
    per_application = models.PositiveSmallIntegerField(
        "每个项目评审专家人数", null=True, blank=True, help_text="留空表示全体成员评审每个项目。")
    spread_flag = models.DecimalField("分歧提示阈值（总分极差）", max_digits=5, decimal_places=2,
                                      default=Decimal("20"))
    rubric = models.ForeignKey("review.Rubric", verbose_name="评分细则", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="panels")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    closed_at = models.DateTimeField("评分结束时间", null=True, blank=True)
    reopen_reason = models.CharField("重新开放评分理由", max_length=200, blank=True)

    class Meta:
        verbose_name = "专家组"
        verbose_name_plural = "专家组"
        ordering = ["call", "kind"]
        constraints = [models.UniqueConstraint(fields=["call", "kind"], name="panel_per_kind")]

    def __str__(self):
        return self.name


class PanelMember(models.Model):
    panel = models.ForeignKey(Panel, verbose_name="专家组", on_delete=models.CASCADE,
                              related_name="members")
    expert = models.ForeignKey(Expert, verbose_name="专家", on_delete=models.PROTECT,
                               related_name="memberships")

    class Meta:
        verbose_name = "专家组成员"
        verbose_name_plural = "专家组成员"
        ordering = ["panel", "expert__name", "expert_id"]
        constraints = [models.UniqueConstraint(fields=["panel", "expert"],
                                               name="panel_member_unique")]

    def __str__(self):
        return f"{self.panel_id} · {self.expert_id}"


class Assignment(models.Model):
    """One expert assigned to score one application in a panel."""

    panel = models.ForeignKey(Panel, verbose_name="专家组", on_delete=models.CASCADE,
                              related_name="assignments")
    application = models.ForeignKey("declare.Application", verbose_name="申报",
                                    on_delete=models.PROTECT, related_name="review_assignments")
    expert = models.ForeignKey(Expert, verbose_name="专家", on_delete=models.PROTECT,
                               related_name="assignments")
    created_at = models.DateTimeField("分配时间", auto_now_add=True)

    class Meta:
        verbose_name = "评审分配"
        verbose_name_plural = "评审分配"
        ordering = ["panel", "application__reference", "expert__name"]
        constraints = [models.UniqueConstraint(fields=["application", "expert"],
                                               name="assignment_unique")]

    def __str__(self):
        return f"{self.application_id} ← {self.expert_id}"


class Attendance(models.TextChoices):
    PENDING = "pending", "待答辩"
    ATTENDED = "attended", "已出席"
    ABSENT = "absent", "缺席"


class DefenceSlot(models.Model):
    """网络答辩: one slot per application."""

    panel = models.ForeignKey(Panel, verbose_name="专家组", on_delete=models.CASCADE,
                              related_name="defence_slots")
    application = models.OneToOneField("declare.Application", verbose_name="申报",
                                       on_delete=models.CASCADE, related_name="defence_slot")
    starts_at = models.DateTimeField("开始时间")
    ends_at = models.DateTimeField("结束时间")
    place = models.CharField("会议链接或地点", max_length=300)
    attendance = models.CharField("出席情况", max_length=10, choices=Attendance.choices,
                                  default=Attendance.PENDING)
    attendees = models.CharField("答辩人员", max_length=200, blank=True)
    notes = models.TextField("答辩记录", blank=True)
    score = models.DecimalField("答辩成绩", max_digits=6, decimal_places=2, null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "网络答辩"
        verbose_name_plural = "网络答辩"
        ordering = ["starts_at"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                              name="defence_slot_ends_after_start")]

    def __str__(self):
        return f"{self.application_id} {self.starts_at:%Y-%m-%d %H:%M}"


class DiscussionPost(models.Model):
    """专家组讨论: one message of the thread on one application of a panel."""

    panel = models.ForeignKey(Panel, verbose_name="专家组", on_delete=models.CASCADE,
                              related_name="posts")
    application = models.ForeignKey("declare.Application", verbose_name="申报",
                                    on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发言人",
                               on_delete=models.PROTECT, related_name="+")
    author_label = models.CharField("发言人身份", max_length=60)
    body = models.TextField("内容")
    created_at = models.DateTimeField("发言时间", auto_now_add=True)

    class Meta:
        verbose_name = "专家组讨论"
        verbose_name_plural = "专家组讨论"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.application_id} · {self.author_label}"


class PanelOpinion(models.Model):
    """专家组意见 on one application: written by the chair from the experts' 评审意见; it is
    what 表5 专家评审意见 prints for that project (review.opinions.table5_for)."""

    panel = models.ForeignKey(Panel, verbose_name="专家组", on_delete=models.CASCADE,
                              related_name="opinions")
    application = models.OneToOneField("declare.Application", verbose_name="申报",
                                       on_delete=models.CASCADE, related_name="panel_opinion")
    text = models.TextField("专家组意见")
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="填写人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "专家组意见"
        verbose_name_plural = "专家组意见"

    def __str__(self):
        return f"{self.application_id} 专家组意见"
