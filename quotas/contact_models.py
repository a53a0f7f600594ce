"""A change of the 联系人 after the package is locked (submitted, or past the deadline): a request
the issuing bureau approves or refuses (issue 18 §8). The 手机 is stored encrypted (core.pii)."""

from django.conf import settings
from django.db import models

from core import pii


class ChangeStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已同意"
    REFUSED = "refused", "不同意"


class ContactChangeRequest(models.Model):
    package = models.ForeignKey("quotas.RecommendationPackage", verbose_name="推荐材料",
                                on_delete=models.CASCADE, related_name="contact_requests")
    name = models.CharField("联系人", max_length=40)
    post = models.CharField("部门及职务", max_length=80, blank=True)
    phone = models.CharField("联系电话", max_length=30)
    mobile_encrypted = models.TextField("手机（密文）")
    reason = models.TextField("变更理由")
    status = models.CharField("状态", max_length=20, choices=ChangeStatus.choices,
                              default=ChangeStatus.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申请人",
                                     on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField("申请时间", auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    decision_note = models.TextField("审核意见", blank=True)

    class Meta:
        verbose_name = "联系人变更申请"
        verbose_name_plural = "联系人变更申请"
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["package"], condition=models.Q(status="pending"),
                                    name="one_pending_contact_change"),
        ]

    def __str__(self):
        return f"{self.package.recommender.label} 联系人变更为 {self.name}"

    @property
    def mobile(self) -> str:
        return pii.decrypt(self.mobile_encrypted)

    @property
    def is_pending(self) -> bool:
        return self.status == ChangeStatus.PENDING
