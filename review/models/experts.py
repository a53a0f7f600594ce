from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from catalog.models import Occupation
from orgs.models import Organisation


class Expert(models.Model):
    """专家库: one expert; the mobile number is personal information, stored encrypted."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name="系统账号", null=True,
                                blank=True, on_delete=models.SET_NULL,
                                related_name="expert_profile")
    name = models.CharField("姓名", max_length=40)
    organisation = models.ForeignKey(Organisation, verbose_name="工作单位",
                                     on_delete=models.PROTECT, related_name="experts")
    pool = models.ForeignKey(
        Organisation, verbose_name="所属专家库", on_delete=models.PROTECT,
        related_name="expert_pool",
        help_text="建立和使用该专家库的发文单位（如自治区人社厅、鄂尔多斯市人社局）；"
                  "只有该单位的审核人员和管理员可以查看、维护和抽取。")
    post = models.CharField("职务/职称", max_length=80)
    occupations = models.ManyToManyField(Occupation, verbose_name="专业领域", blank=True,
                                         related_name="+")
    mobile_encrypted = models.TextField("手机（密文）", blank=True)
    is_active = models.BooleanField("在库", default=True)
    past_affiliations = models.ManyToManyField(
        Organisation, verbose_name="曾任职单位（近三年）", blank=True, related_name="+",
        help_text="近三年曾任职的单位：不评审这些单位的项目。")
    collaborators = models.ManyToManyField(
        Organisation, verbose_name="近三年合作单位", blank=True, related_name="+",
        help_text="近三年有合作（共同课题、兼职、咨询等）的单位：不评审这些单位的项目。")
    invited_at = models.DateTimeField("邀请时间", null=True, blank=True)
    accepted_at = models.DateTimeField("接受邀请时间", null=True, blank=True,
                                       help_text="专家确认保密及回避承诺后方可分配评审任务。")
    pledge = models.TextField("已确认的保密及回避承诺", blank=True)
    created_at = models.DateTimeField("入库时间", auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["mobile_encrypted"])

    class Meta:
        verbose_name = "评审专家"
        verbose_name_plural = "专家库"
        ordering = ["name", "id"]

    def __str__(self):
        return self.name

    @property
    def has_accepted(self) -> bool:
        return self.accepted_at is not None

    @property
    def unit_and_post(self) -> str:
        """表5 专家信息: 单位及职务/职称."""
        return f"{self.organisation.name} {self.post}".strip()


class ConflictDeclaration(models.Model):
    """An expert's own declaration of a conflict of interest with one application."""

    expert = models.ForeignKey(Expert, verbose_name="专家", on_delete=models.CASCADE,
                               related_name="declared_conflicts")
    application = models.ForeignKey("declare.Application", verbose_name="申报",
                                    on_delete=models.CASCADE, related_name="+")
    reason = models.CharField("回避事由", max_length=200)
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    declared_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "回避声明"
        verbose_name_plural = "回避声明"
        constraints = [models.UniqueConstraint(fields=["expert", "application"],
                                               name="conflict_declaration_unique")]

    def __str__(self):
        return f"{self.expert} 回避 {self.application_id}"
