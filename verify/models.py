import uuid

from django.conf import settings
from django.db import models

from declare.models import Application, Snapshot
from documents.models import RenderJob
from orgs.models import Organisation


class DocumentKind(models.TextChoices):
    FORM = "form", "申报表"
    BUNDLE = "bundle", "打印合订本"
    FILING_FORM = "filing_form", "备案申报表（含表5）"
    SUMMARY = "summary", "推荐汇总表（附件2）"
    REPORT = "report", "推荐报告"
    NOTICE = "notice", "公示"


class PrintedDocument(models.Model):
    """One official PDF as it left the system: every page carries a code that names this row
    (verify.codes), so a printed page can be traced back to the version it prints."""

    kind = models.CharField("文档类型", max_length=20, choices=DocumentKind.choices)
    title = models.CharField("文档名称", max_length=120)
    doc_code = models.CharField("文档编码", max_length=24, db_index=True, blank=True)
    application = models.ForeignKey(Application, verbose_name="申报", null=True, blank=True,
                                    on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField("提交版本", null=True, blank=True)
    snapshot = models.ForeignKey(Snapshot, verbose_name="提交版本", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    call = models.ForeignKey("calls.Call", verbose_name="申报批次", null=True, blank=True,
                             on_delete=models.CASCADE, related_name="+")
    recommender = models.ForeignKey(Organisation, verbose_name="推荐单位", null=True,
                                    blank=True, on_delete=models.CASCADE, related_name="+")
    render_job = models.ForeignKey(RenderJob, verbose_name="生成任务", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    sha256 = models.CharField("内容 SHA-256", max_length=64,
                              help_text="所印提交版本的 SHA-256，或生成该文档的数据的 SHA-256。")
    page_count = models.PositiveIntegerField("页数")
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = "已签发文档"
        verbose_name_plural = "已签发文档"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(application__isnull=True)
                | models.Q(version__gte=1, snapshot__isnull=False),
                name="printed_document_version_of_application"),
        ]

    def __str__(self):
        return f"{self.doc_code} {self.title}"


class ScanStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "识别中"
    DONE = "done", "已核对"
    FAILED = "failed", "识别失败"


def scan_path(instance, filename) -> str:
    return f"scans/{instance.application_id}/{uuid.uuid4().hex}.pdf"


class SealedScan(models.Model):
    """盖章扫描件: the signed and sealed paper form scanned back, checked page by page against
    the printed documents (verify.scan). The file is sealed at rest (core.sealed)."""

    application = models.ForeignKey(Application, verbose_name="申报", on_delete=models.CASCADE,
                                    related_name="+")
    title = models.CharField("文件名", max_length=120)
    file = models.FileField("文件", upload_to=scan_path, max_length=200)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    status = models.CharField("状态", max_length=10, choices=ScanStatus.choices,
                              default=ScanStatus.QUEUED)
    enqueued_at = models.DateTimeField("发送时间", null=True, blank=True)
    checked_version = models.PositiveIntegerField("核对时的最新版本", null=True, blank=True)
    verdict = models.JSONField("核对结果", default=dict, blank=True)
    error = models.CharField("错误", max_length=300, blank=True)
    checked_at = models.DateTimeField("核对时间", null=True, blank=True)

    class Meta:
        verbose_name = "盖章扫描件"
        verbose_name_plural = "盖章扫描件"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title
