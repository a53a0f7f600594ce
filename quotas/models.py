from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from calls.choices import ProjectKind
from calls.models import Call
from core import pii
from orgs.models import Organisation


class Quota(models.Model):
    """推荐名额 (附件1): how many projects of one kind a recommender may put forward in a call."""

    call = models.ForeignKey(Call, verbose_name="申报批次", on_delete=models.CASCADE,
                             related_name="quotas")
    recommender = models.ForeignKey(Organisation, verbose_name="推荐单位",
                                    on_delete=models.PROTECT, related_name="quotas")
    kind = models.CharField("项目类型", max_length=10, choices=ProjectKind.choices)
    amount = models.PositiveSmallIntegerField("推荐名额")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "推荐名额"
        verbose_name_plural = "推荐名额"
        ordering = ["call", "recommender__kind", "recommender__division_code", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["call", "recommender", "kind"], name="quota_unique"),
        ]

    def __str__(self):
        return f"{self.recommender.label} {self.get_kind_display()} {self.amount}"


class PackageStatus(models.TextChoices):
    DRAFT = "draft", "未报送"
    SUBMITTED = "submitted", "已报送"
    REOPENED = "reopened", "已退回重报"


# The package's actions and their states: quotas.workflow.PACKAGE.
EDITABLE_PACKAGE_STATUSES = (PackageStatus.DRAFT, PackageStatus.REOPENED)


class RecommendationPackage(models.Model):
    """推荐材料: one recommender's 初评 result in one call, handed to the region as a whole."""

    call = models.ForeignKey(Call, verbose_name="申报批次", on_delete=models.CASCADE,
                             related_name="packages")
    recommender = models.ForeignKey(Organisation, verbose_name="推荐单位",
                                    on_delete=models.PROTECT, related_name="packages")
    status = models.CharField("状态", max_length=20, choices=PackageStatus.choices,
                              default=PackageStatus.DRAFT)
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="报送人", null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    extended_deadline = models.DateTimeField("延长后截止时间", null=True, blank=True)
    extension_reason = models.TextField("延期理由", blank=True)
    extension_granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="批准延期人", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+")
    # 附件2's 填表人 and 联系电话 as they stood when the package was submitted: a later change of
    # the 联系人 never rewrites a submitted 附件2 (issue 18 §8).
    submitted_filler = models.JSONField("报送时的填表人", default=dict, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "推荐材料"
        verbose_name_plural = "推荐材料"
        ordering = ["call", "recommender__kind", "recommender__division_code"]
        constraints = [
            models.UniqueConstraint(fields=["call", "recommender"], name="package_unique"),
        ]

    def __str__(self):
        return f"{self.recommender.label} · {self.call}"

    @property
    def deadline(self):
        """The call's deadline, or this recommender's own extension when it is later."""
        if self.extended_deadline and self.extended_deadline > self.call.deadline:
            return self.extended_deadline
        return self.call.deadline

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_PACKAGE_STATUSES

    def is_writable(self, now=None) -> bool:
        """The recommender may still change it: not submitted, and its deadline not passed."""
        return self.is_editable and (now or timezone.now()) <= self.deadline


class Recommendation(models.Model):
    """推荐顺序: one recommended application and its rank among its kind in the package.

    The rank lies between 1 and the quota stored on the row and is unique per package and
    kind, so the database itself cannot hold more recommendations than the quota (105号 三).
    """

    package = models.ForeignKey(RecommendationPackage, verbose_name="推荐材料",
                                on_delete=models.PROTECT, related_name="recommendations")
    application = models.OneToOneField("declare.Application", verbose_name="申报",
                                       on_delete=models.PROTECT, related_name="recommendation")
    kind = models.CharField("项目类型", max_length=10, choices=ProjectKind.choices)
    rank = models.PositiveSmallIntegerField("推荐顺序")
    quota = models.PositiveSmallIntegerField("推荐名额")
    recommended_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="推荐人",
                                       on_delete=models.PROTECT, related_name="+")
    recommended_at = models.DateTimeField("推荐时间", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "推荐顺序"
        verbose_name_plural = "推荐顺序"
        ordering = ["package", "kind", "rank"]
        constraints = [
            # Deferred so that two ranks can be swapped inside one transaction.
            models.UniqueConstraint(fields=["package", "kind", "rank"],
                                    name="recommendation_rank_unique",
                                    deferrable=models.Deferrable.DEFERRED),
            models.CheckConstraint(condition=models.Q(rank__gte=1, rank__lte=models.F("quota")),
                                   name="recommendation_rank_within_quota"),
        ]

    def __str__(self):
        return f"{self.package} {self.get_kind_display()} 第{self.rank}名"


class PackageAction(models.TextChoices):
    RECOMMEND = "recommend", "推荐"
    DECLINE = "decline", "不予推荐"
    RETURN = "return", "退回修改"
    UNDO = "undo", "撤销初评结论"
    RANK = "rank", "调整推荐顺序"
    REPORT = "report", "保存推荐报告"
    SCAN = "scan", "上传扫描件"
    SCAN_DELETE = "scan_delete", "删除扫描件"
    CONTACT = "contact", "登记联系人"
    CONTACT_REQUEST = "contact_request", "申请变更联系人"
    CONTACT_APPROVE = "contact_approve", "同意变更联系人"
    CONTACT_REFUSE = "contact_refuse", "不同意变更联系人"
    SUBMIT = "submit", "报送推荐材料"
    REOPEN = "reopen", "退回重报"
    EXTEND = "extend", "延长截止时间"


class PackageEvent(models.Model):
    """Append-only timeline of a package: every action with who, when and why."""

    package = models.ForeignKey(RecommendationPackage, verbose_name="推荐材料",
                                on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True,
                              on_delete=models.SET_NULL, related_name="+")
    action = models.CharField("操作", max_length=20, choices=PackageAction.choices)
    application = models.ForeignKey("declare.Application", verbose_name="申报", null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    comment = models.TextField("说明", blank=True)
    payload = models.JSONField("附加信息", default=dict, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "推荐记录"
        verbose_name_plural = "推荐记录"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()}"


class ContactPerson(models.Model):
    """联系人: registered by each recommender by the call's contact date (105号 五(三)); the
    手机 is personal information, stored encrypted (core.pii), in its history too."""

    call = models.ForeignKey(Call, verbose_name="申报批次", on_delete=models.CASCADE,
                             related_name="contacts")
    recommender = models.ForeignKey(Organisation, verbose_name="推荐单位",
                                    on_delete=models.PROTECT, related_name="contacts")
    name = models.CharField("联系人", max_length=40)
    post = models.CharField("部门及职务", max_length=80, blank=True)
    phone = models.CharField("联系电话", max_length=30)
    mobile_encrypted = models.TextField("手机（密文）")
    registered_at = models.DateTimeField("首次登记时间")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人",
                                      on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField("最后修改时间", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "联系人"
        verbose_name_plural = "联系人"
        constraints = [
            models.UniqueConstraint(fields=["call", "recommender"], name="contact_unique"),
        ]

    def __str__(self):
        return f"{self.recommender.label} {self.name}"

    @property
    def mobile(self) -> str:
        return pii.decrypt(self.mobile_encrypted)

    @property
    def is_late(self) -> bool:
        due = self.call.contact_due
        return bool(due) and timezone.localdate(self.registered_at) > due


from .contact_models import ChangeStatus, ContactChangeRequest  # noqa: E402
from .report_models import RecommendationReport, ReportExpert, ReportScan, ScanKind  # noqa: E402

__all__ = ["Quota", "PackageStatus", "RecommendationPackage", "Recommendation", "PackageAction",
           "PackageEvent", "ContactPerson", "RecommendationReport", "ReportExpert", "ReportScan",
           "ScanKind", "ContactChangeRequest", "ChangeStatus"]
