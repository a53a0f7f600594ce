"""推荐报告 (105号 四(一)1(1)): the structured report, its expert group and the sealed scans."""

import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class RecommendationReport(models.Model):
    """The recommender's 初评 report: procedure, method, experts, 公示, 党组会议, 纪检监察."""

    package = models.OneToOneField("quotas.RecommendationPackage", verbose_name="推荐材料",
                                   on_delete=models.CASCADE, related_name="report")
    procedure = models.TextField("评审程序", blank=True)
    method = models.TextField("评审方法", blank=True)
    notice_start = models.DateField("公示开始日期", null=True, blank=True)
    notice_end = models.DateField("公示结束日期", null=True, blank=True)
    notice_place = models.CharField("公示地点/方式", max_length=200, blank=True)
    notice_result = models.TextField("公示结果", blank=True)
    objections = models.TextField("异议及处理情况", blank=True)
    meeting_date = models.DateField("会议日期", null=True, blank=True)
    meeting_conclusion = models.TextField("研究结论", blank=True)
    discipline_opinion = models.TextField("纪检监察部门意见", blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="最后修改人",
                                   null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField("最后修改时间", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "推荐报告"
        verbose_name_plural = "推荐报告"

    def __str__(self):
        return f"推荐报告 · {self.package}"


class ReportExpert(models.Model):
    """专家组成情况: one expert of the recommender's panel (at least 5 and an odd number)."""

    report = models.ForeignKey(RecommendationReport, verbose_name="推荐报告",
                               on_delete=models.CASCADE, related_name="experts")
    position = models.PositiveSmallIntegerField("序号")
    name = models.CharField("姓名", max_length=40)
    unit = models.CharField("单位", max_length=120)
    title = models.CharField("职务/职称", max_length=80)

    class Meta:
        verbose_name = "评审专家"
        verbose_name_plural = "评审专家"
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "position"], name="report_expert_unique"),
        ]

    def __str__(self):
        return self.name


class ScanKind(models.TextChoices):
    REPORT = "report", "推荐报告（签字盖章）"
    EXPERTS = "experts", "专家评审意见"
    NOTICE = "notice", "公示情况"
    MEETING = "meeting", "党组会议纪要"
    DISCIPLINE = "discipline", "纪检监察部门意见"
    OTHER = "other", "其他材料"


def scan_path(instance, filename):
    # The stored name never comes from the user; the original name is kept in `title`.
    return f"quotas/reports/{instance.report.package_id}/{uuid.uuid4().hex}.pdf"


class ReportScan(models.Model):
    """A signed and sealed scan kept with the report (private storage, PDF only)."""

    report = models.ForeignKey(RecommendationReport, verbose_name="推荐报告",
                               on_delete=models.CASCADE, related_name="scans")
    kind = models.CharField("材料类型", max_length=20, choices=ScanKind.choices)
    title = models.CharField("文件名", max_length=200)
    file = models.FileField("文件", upload_to=scan_path)
    content_type = models.CharField("文件类型", max_length=60, default="application/pdf")
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人",
                                    on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "推荐报告扫描件"
        verbose_name_plural = "推荐报告扫描件"
        ordering = ["report", "kind", "uploaded_at"]

    def __str__(self):
        return self.title
