from django.conf import settings
from django.db import models


class AuditAction(models.TextChoices):
    LOGIN = "login", "登录"
    LOGIN_FAILED = "login_failed", "登录失败"
    LOGOUT = "logout", "退出"
    SESSION_ENDED = "session_ended", "会话终止"
    PASSWORD_CHANGED = "password_changed", "修改密码"
    PERMISSION_GRANTED = "permission_granted", "授予权限"
    PERMISSION_REVOKED = "permission_revoked", "撤销权限"
    TRANSITION = "transition", "状态变更"
    EXPORT = "export", "导出"
    VIEW_PII = "view_pii", "查看个人信息"
    DOWNLOAD = "download", "下载材料"
    UNLOCK = "unlock", "解锁账号"
    CHANGE = "change", "修改记录"
    BACKUP = "backup", "数据备份"
    RESTORE = "restore", "数据恢复"


class AuditResult(models.TextChoices):
    SUCCESS = "success", "成功"
    DENIED = "denied", "拒绝"
    FAILURE = "failure", "失败"


class AuditLog(models.Model):
    """Append-only security audit record (等保2.0: time, subject, object, type, result).

    Rows are never updated or deleted by the application: on PostgreSQL its database role may
    only read and append them (audit/dbroles.py), and a trigger refuses every UPDATE and the
    DELETE of a row younger than the retention, whoever asks. Retention: at least 6 months,
    pruned only through the owner's audit_prune() (`manage.py prune_audit`; README, 安全).
    """

    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True,
                              blank=True, on_delete=models.DO_NOTHING, related_name="+",
                              db_constraint=False)  # a deleted user's rows stay untouched
    actor_name = models.CharField("操作人账号", max_length=150, blank=True)
    action = models.CharField("事件类型", max_length=30, choices=AuditAction.choices,
                              db_index=True)
    object_type = models.CharField("对象类型", max_length=60, blank=True)
    object_id = models.CharField("对象标识", max_length=60, blank=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    result = models.CharField("结果", max_length=10, choices=AuditResult.choices,
                              default=AuditResult.SUCCESS)
    ip = models.GenericIPAddressField("来源IP", null=True, blank=True)
    detail = models.JSONField("详情", default=dict, blank=True)

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("审计日志不可修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("审计日志不可删除。")
