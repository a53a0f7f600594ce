from django.conf import settings
from django.db import models

from calls.models import Call
from orgs.models import Organisation


class ReceiptStatus(models.TextChoices):
    ACCEPTED = "accepted", "已受理"
    RETURNED = "returned", "已退回"


class PackageReceipt(models.Model):
    """受理: the region's answer to one recommender's package (history kept)."""

    call = models.ForeignKey(Call, verbose_name="申报批次", on_delete=models.PROTECT,
                             related_name="receipts")
    recommender = models.ForeignKey(Organisation, verbose_name="推荐单位",
                                    on_delete=models.PROTECT, related_name="+")
    status = models.CharField("受理结果", max_length=10, choices=ReceiptStatus.choices)
    reasons = models.TextField("退回理由", blank=True)
    accepted_count = models.PositiveSmallIntegerField("受理数", default=0)
    refused_count = models.PositiveSmallIntegerField("超出名额不予受理数", default=0)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField("办理时间", auto_now_add=True)

    class Meta:
        verbose_name = "受理记录"
        verbose_name_plural = "受理记录"
        ordering = ["-decided_at", "-id"]

    def __str__(self):
        return f"{self.recommender} {self.get_status_display()}"


class Admission(models.Model):
    """An application taken into the provincial review (the panels score exactly these)."""

    application = models.OneToOneField("declare.Application", verbose_name="申报",
                                       on_delete=models.CASCADE, related_name="admission")
    receipt = models.ForeignKey(PackageReceipt, verbose_name="受理记录",
                                on_delete=models.PROTECT, related_name="admissions")
    created_at = models.DateTimeField("受理时间", auto_now_add=True)

    class Meta:
        verbose_name = "受理项目"
        verbose_name_plural = "受理项目"

    def __str__(self):
        return f"受理 {self.application_id}"


class ReviewEvent(models.Model):
    """Append-only audit of review actions that are not application transitions."""

    call = models.ForeignKey(Call, verbose_name="申报批次", on_delete=models.CASCADE,
                             related_name="review_events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True,
                              on_delete=models.SET_NULL, related_name="+")
    action = models.CharField("操作", max_length=40)
    subject = models.CharField("对象", max_length=200)
    payload = models.JSONField("变更内容", default=dict, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "复审操作记录"
        verbose_name_plural = "复审操作记录"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"

