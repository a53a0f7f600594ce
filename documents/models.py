from django.conf import settings
from django.db import models


class RenderKind(models.TextChoices):
    FORM = "form", "申报表（PDF）"
    BUNDLE = "bundle", "打印合订本（PDF）"
    SUMMARY_XLSX = "summary_xlsx", "申报情况汇总表（Excel）"
    SUMMARY_PDF = "summary_pdf", "申报情况汇总表（PDF）"
    PLAQUE = "plaque", "牌匾证书（PDF）"
    REPORT = "report", "推荐报告（PDF）"
    NOTICE = "notice", "公示（PDF）"


class RenderStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "生成中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


# queued → running → done | failed; a running job may be picked up again after a worker loss,
# a failed one is never resumed (a new request makes a new job). A running job whose heartbeat
# stopped (its process was killed) is failed by documents.liveness.
TRANSITIONS = {
    RenderStatus.QUEUED: {RenderStatus.RUNNING, RenderStatus.FAILED},
    RenderStatus.RUNNING: {RenderStatus.RUNNING, RenderStatus.DONE, RenderStatus.FAILED},
    RenderStatus.DONE: set(),
    RenderStatus.FAILED: set(),
}
LIVE_STATUSES = (RenderStatus.QUEUED, RenderStatus.RUNNING, RenderStatus.DONE)


class RenderJob(models.Model):
    """生成任务: one rendering of one document, cached by the hash of what it is made from; the
    file is sealed at rest (core.sealed): every rendering carries personal data."""

    kind = models.CharField("文档类型", max_length=20, choices=RenderKind.choices)
    application = models.ForeignKey("declare.Application", verbose_name="申报", null=True,
                                    blank=True, on_delete=models.CASCADE,
                                    related_name="render_jobs")
    call = models.ForeignKey("calls.Call", verbose_name="申报批次", null=True, blank=True,
                             on_delete=models.CASCADE, related_name="render_jobs")
    recommender = models.ForeignKey("orgs.Organisation", verbose_name="推荐单位", null=True,
                                    blank=True, on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey("projects.Project", verbose_name="建设项目", null=True,
                                blank=True, on_delete=models.CASCADE, related_name="render_jobs")
    params = models.JSONField("参数", default=dict, blank=True)
    content_hash = models.CharField("内容摘要", max_length=64, db_index=True)
    status = models.CharField("状态", max_length=10, choices=RenderStatus.choices,
                              default=RenderStatus.QUEUED)
    progress = models.PositiveSmallIntegerField("进度", default=0)
    file = models.FileField("文件", upload_to="documents/renders/", blank=True, max_length=200)
    download_name = models.CharField("下载文件名", max_length=200, blank=True)
    size = models.PositiveIntegerField("大小（字节）", default=0)
    error = models.CharField("错误信息", max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    # Empty while the job is queued only in PostgreSQL (Redis was unreachable): it is sent
    # again by documents.services.requeue_pending or the next look at the job.
    enqueued_at = models.DateTimeField("入队时间", null=True, blank=True)
    # Stamped while the job runs (documents.liveness.heartbeat); an old stamp on a running job
    # means the process that rendered it is gone.
    heartbeat_at = models.DateTimeField("心跳时间", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申请人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "文档生成任务"
        verbose_name_plural = "文档生成任务"
        ordering = ["-created_at", "-id"]
        constraints = [
            # One live job per (kind, content): the cache, also under concurrent requests.
            models.UniqueConstraint(fields=["kind", "content_hash"],
                                    condition=models.Q(status__in=["queued", "running", "done"]),
                                    name="renderjob_one_live_per_content"),
            models.CheckConstraint(condition=models.Q(progress__lte=100),
                                   name="renderjob_progress_max_100"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk} {self.get_status_display()}"

    @property
    def masked(self) -> bool:
        """附件3/4 or 合订本 rendered for the readers who see personal data masked (params)."""
        return bool(self.params.get("masked"))

    @property
    def is_finished(self) -> bool:
        return self.status in (RenderStatus.DONE, RenderStatus.FAILED)
