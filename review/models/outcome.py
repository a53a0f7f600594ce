from django.conf import settings
from django.db import models

from calls.choices import ProjectKind
from calls.models import Call


class Decision(models.Model):
    """复审决定 for one kind: the recommended list and the 表5 opinions."""

    call = models.ForeignKey(Call, verbose_name="申报批次", on_delete=models.PROTECT,
                             related_name="review_decisions")
    kind = models.CharField("项目类型", max_length=10, choices=ProjectKind.choices)
    expert_opinion = models.TextField("专家评审意见")
    hr_opinion = models.TextField("省级人力资源社会保障厅（局）审核意见")
    finance_opinion = models.TextField("省级财政厅（局）审核意见")
    departure_reason = models.TextField("未按评分排名确定的理由", blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="决定人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField("决定时间", auto_now=True)
    # A draft (visible to the reviewer's office only) until the 公示 releases it; afterwards it
    # changes only by a recorded 复议 (review.services.decision.reconsider).
    released_at = models.DateTimeField("发布时间", null=True, blank=True)

    class Meta:
        verbose_name = "复审决定"
        verbose_name_plural = "复审决定"
        constraints = [models.UniqueConstraint(fields=["call", "kind"], name="decision_per_kind")]

    def __str__(self):
        return f"{self.call} {self.get_kind_display()}复审决定"

    @property
    def is_released(self) -> bool:
        return self.released_at is not None


class DecisionItem(models.Model):
    decision = models.ForeignKey(Decision, verbose_name="复审决定", on_delete=models.CASCADE,
                                 related_name="items")
    application = models.OneToOneField("declare.Application", verbose_name="申报",
                                       on_delete=models.PROTECT, related_name="decision_item")
    score_rank = models.PositiveSmallIntegerField("评分排名")
    selected = models.BooleanField("拟推荐备案", default=False)

    class Meta:
        verbose_name = "决定明细"
        verbose_name_plural = "决定明细"
        ordering = ["decision", "score_rank"]

    def __str__(self):
        return f"{self.application_id} 第{self.score_rank}名"


class NoticeStatus(models.TextChoices):
    DRAFT = "draft", "草拟"
    PUBLISHED = "published", "公示中"
    CONFIRMED = "confirmed", "名单已确认"
    WITHDRAWN = "withdrawn", "已撤回"


class PublicNotice(models.Model):
    """公示: the list, its period in working days and the contact for objections.

    A call keeps every 公示 it published: at most one is current (not 已撤回, a database
    constraint); a withdrawn one stays, with its reason and date, for the public page. The
    newest row is the current one (Meta.ordering), so `call.public_notices.first()` is it."""

    call = models.ForeignKey(Call, verbose_name="申报批次", on_delete=models.PROTECT,
                             related_name="public_notices")
    title = models.CharField("公示标题", max_length=200)
    body = models.TextField("公示正文")
    contact = models.CharField("联系人及电话", max_length=200)
    starts_on = models.DateField("公示开始日期")
    working_days = models.PositiveSmallIntegerField("公示期（工作日）", default=5)
    ends_on = models.DateField("公示截止日期")
    status = models.CharField("状态", max_length=10, choices=NoticeStatus.choices,
                              default=NoticeStatus.PUBLISHED)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发布人", null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField("发布时间", auto_now_add=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="确认人", null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)
    # 复议 during the 公示 re-issues the text in place (review.services.notice_text.correct)
    corrected_on = models.DateField("更正日期", null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="撤回人", null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdraw_reason = models.CharField("撤回理由", max_length=500, blank=True)

    class Meta:
        verbose_name = "公示"
        verbose_name_plural = "公示"
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="notice_period_order"),
            models.UniqueConstraint(fields=["call"], name="notice_one_current_per_call",
                                    condition=~models.Q(status="withdrawn")),
        ]

    def __str__(self):
        return self.title


class ObjectionStatus(models.TextChoices):
    OPEN = "open", "待处理"
    RESOLVED = "resolved", "已办结"


class ObjectionOutcome(models.TextChoices):
    DISMISSED = "dismissed", "异议不成立"
    UPHELD = "upheld", "异议成立"


class Objection(models.Model):
    """异议 received during 公示 (实名); the contact is personal information, encrypted."""

    notice = models.ForeignKey(PublicNotice, verbose_name="公示", on_delete=models.PROTECT,
                               related_name="objections")
    application = models.ForeignKey("declare.Application", verbose_name="涉及项目", null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField("收到日期")
    name = models.CharField("异议人姓名", max_length=40)
    contact_encrypted = models.TextField("联系方式（密文）")
    content = models.TextField("异议内容")
    status = models.CharField("状态", max_length=10, choices=ObjectionStatus.choices,
                              default=ObjectionStatus.OPEN)
    outcome = models.CharField("处理结论", max_length=10, choices=ObjectionOutcome.choices,
                               blank=True)
    handling = models.TextField("处理情况", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="办结人", null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    resolved_at = models.DateTimeField("办结时间", null=True, blank=True)

    class Meta:
        verbose_name = "异议"
        verbose_name_plural = "异议"
        ordering = ["received_on", "id"]

    def __str__(self):
        return f"异议 #{self.pk} {self.name}"


class FilingStatus(models.TextChoices):
    BUILDING = "building", "材料包生成中"
    DONE = "done", "已备案"
    FAILED = "failed", "生成失败"


class Filing(models.Model):
    """备案 package: the zip sent to the ministries and its manifest of checksums. Built by a
    Celery worker (review.tasks.build_filing); the call is 已备案 only once the zip is done."""

    call = models.OneToOneField(Call, verbose_name="申报批次", on_delete=models.PROTECT,
                                related_name="filing")
    status = models.CharField("状态", max_length=10, choices=FilingStatus.choices,
                              default=FilingStatus.BUILDING)
    progress = models.PositiveSmallIntegerField("进度", default=0)
    error = models.CharField("错误信息", max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    # Empty while the job waits only in PostgreSQL (Redis was unreachable): sent again by the
    # next look at the filing page or by the review.requeue_filings beat task.
    enqueued_at = models.DateTimeField("入队时间", null=True, blank=True)
    started_at = models.DateTimeField("开始生成时间", null=True, blank=True)
    # Stamped while a worker builds the package (documents.liveness, review.services.filing
    # .BUILD); an old stamp on a building filing means the process that built it is gone.
    heartbeat_at = models.DateTimeField("心跳时间", null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    archive = models.FileField("备案材料包", upload_to="review/filing/", blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    manifest = models.JSONField("文件清单", default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="备案人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("申请时间", auto_now_add=True)

    class Meta:
        verbose_name = "备案"
        verbose_name_plural = "备案"
        constraints = [models.CheckConstraint(condition=models.Q(progress__lte=100),
                                              name="filing_progress_max_100")]

    def __str__(self):
        return f"{self.call} 备案"

    @property
    def is_building(self) -> bool:
        return self.status == FilingStatus.BUILDING

    @property
    def is_done(self) -> bool:
        return self.status == FilingStatus.DONE

    @property
    def is_failed(self) -> bool:
        return self.status == FilingStatus.FAILED
