from django.conf import settings
from django.db import models


class Notification(models.Model):
    """站内消息, one per recipient; the same text goes out by e-mail to `email_to` (the
    recipient's address when it was sent; empty: no e-mail) through the worker."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="接收人",
                             on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField("标题", max_length=120)
    body = models.TextField("内容")
    link = models.CharField("链接", max_length=200, blank=True)
    event = models.CharField("事件", max_length=40, blank=True)
    key = models.CharField("去重键", max_length=120, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)
    email_to = models.EmailField("邮件地址", blank=True)
    enqueued_at = models.DateTimeField("邮件排队时间", null=True, blank=True)
    emailed_at = models.DateTimeField("邮件发送时间", null=True, blank=True)

    class Meta:
        verbose_name = "消息通知"
        verbose_name_plural = "消息通知"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notify_user_unread")]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], condition=~models.Q(key=""),
                                    name="notify_once_per_key"),
        ]

    def __str__(self):
        return self.title
