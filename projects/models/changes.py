from django.conf import settings
from django.db import models

from declare.vocab import SKILL_LEVELS
from orgs.models import Organisation

from ..choices import ChangeKind, ChangeStatus, LeaderLeaving, RevocationReason
from ..records import RecordsQuerySet
from .project import Project


class ChangeRequest(models.Model):
    """变更申请 during construction (100号 七(三)、(四)): rename, dissolution, new studio leader."""

    project = models.ForeignKey(Project, verbose_name="建设项目", on_delete=models.CASCADE,
                                related_name="changes")
    kind = models.CharField("变更事项", max_length=20, choices=ChangeKind.choices)
    status = models.CharField("状态", max_length=20, choices=ChangeStatus.choices,
                              default=ChangeStatus.PENDING)
    reason = models.TextField("变更原因")
    document = models.FileField("证明材料", upload_to="projects/changes/%Y/%m/", blank=True)
    document_name = models.CharField("证明材料文件名", max_length=200, blank=True)
    old_value = models.CharField("变更前", max_length=200, blank=True)
    new_name = models.CharField("变更后单位名称", max_length=120, blank=True)
    new_short_name = models.CharField("变更后单位简称", max_length=40, blank=True)
    unspent_amount = models.DecimalField("未实施项目资金（万元）", max_digits=10, decimal_places=2,
                                         null=True, blank=True)
    leaving = models.CharField("原领办人变更原因", max_length=20, choices=LeaderLeaving.choices,
                               blank=True)
    new_leader_name = models.CharField("新领办人姓名", max_length=40, blank=True)
    new_leader_level = models.CharField("新领办人职业技能等级", max_length=20,
                                        choices=SKILL_LEVELS, blank=True)
    new_leader_certificate = models.CharField("职业资格（技能等级）证书编号", max_length=22,
                                              blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申请人",
                                     on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField("申请时间", auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="核准人", null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField("核准时间", null=True, blank=True)
    decision_comment = models.TextField("核准意见", blank=True)

    class Meta:
        verbose_name = "变更申请"
        verbose_name_plural = "变更申请"
        ordering = ["project", "-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "kind"],
                                    condition=models.Q(status="pending"),
                                    name="change_one_pending_per_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.get_status_display()}"


class FundsRecovery(models.Model):
    """追回资金: money to be recovered after revocation or dissolution."""

    project = models.ForeignKey(Project, verbose_name="建设项目", on_delete=models.CASCADE,
                                related_name="recoveries")
    amount = models.DecimalField("追回金额（万元）", max_digits=10, decimal_places=2)
    reason = models.CharField("原因", max_length=200)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人",
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "资金追回"
        verbose_name_plural = "资金追回"
        ordering = ["project", "recorded_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0),
                                   name="recovery_amount_not_negative"),
        ]

    def __str__(self):
        return f"{self.amount}万元 {self.reason}"


class Ban(models.Model):
    """取消申报资格: a unit barred from applying until `ends_on` (105号 五(二))."""

    unit = models.ForeignKey(Organisation, verbose_name="单位", on_delete=models.PROTECT,
                             related_name="bans")
    project = models.ForeignKey(Project, verbose_name="建设项目", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="bans")
    reason = models.CharField("原因", max_length=20, choices=RevocationReason.choices)
    comment = models.TextField("情况说明", blank=True)
    starts_on = models.DateField("起始日期")
    ends_on = models.DateField("截止日期")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人",
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    # every queryset write gives the pre-check's cached records a new version (projects.records)
    objects = RecordsQuerySet.as_manager()

    class Meta:
        verbose_name = "禁止申报名单"
        verbose_name_plural = "禁止申报名单"
        ordering = ["-starts_on", "unit"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gt=models.F("starts_on")),
                                   name="ban_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.unit} {self.starts_on}—{self.ends_on}"

    def in_force_on(self, day) -> bool:
        return self.starts_on <= day < self.ends_on
