from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from . import roles, statecache
from .roles import Role
from .validators import validate_credit_code


class OrgKind(models.TextChoices):
    REGION = "region", "自治区厅局"
    LEAGUE_CITY = "league_city", "盟市"
    PLANNED_CITY = "planned_city", "计划单列市"
    COUNTY = "county", "旗县区"
    DIRECT = "direct", "区直部门及直属单位"
    CITY_DIRECT = "city_direct", "市直部门及单位"
    APPLICANT = "applicant", "项目申报单位"


class UnitNature(models.TextChoices):
    GOVERNMENT = "government", "政府办"
    INDUSTRY = "industry", "行业、企业办"
    OTHER = "other", "其它"


class Organisation(models.Model):
    """A node of the organisation tree: region → 盟市 → 旗县区, direct units, applicant units.

    An applicant unit's parent is the recommender it reports through (按隶属关系逐级申报).
    """

    kind = models.CharField("类型", max_length=20, choices=OrgKind.choices)
    name = models.CharField("名称", max_length=120, unique=True)
    short_name = models.CharField("简称", max_length=40, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name="上级单位", null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    division_code = models.CharField("行政区划代码", max_length=6, blank=True,
                                     help_text="GB/T 2260，如 150200")
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True,
                                   validators=[validate_credit_code])
    nature = models.CharField("单位性质", max_length=20, choices=UnitNature.choices, blank=True)
    is_active = models.BooleanField("启用", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["kind", "division_code", "name"]
        permissions = [
            ("declare_for", "以本单位名义申报"),
            ("recommend_for", "以本单位名义推荐"),
            ("review_for", "组织复审"),
            ("expert_for", "参加评审"),
            ("administer", "系统管理"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"], condition=~models.Q(credit_code=""),
                name="org_credit_code_unique",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def label(self):
        return self.short_name or self.name

    @property
    def recommender(self):
        """The organisation this unit reports through (for an applicant: its parent)."""
        return self.parent if self.kind == OrgKind.APPLICANT else self

    def clean(self):
        if self.credit_code:
            self.credit_code = self.credit_code.strip().upper()


class Membership(models.Model):
    """A user's role in one organisation; one person may hold several."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户",
                             on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, verbose_name="单位", on_delete=models.CASCADE,
                                     related_name="memberships")
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    title = models.CharField("部门及职务", max_length=80, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "角色授权"
        verbose_name_plural = "角色授权"
        ordering = ["user_id", "role", "organisation_id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"],
                                    name="membership_unique"),
        ]

    def __str__(self):
        return f"{self.user} · {self.organisation.label} · {self.role_label}"

    @property
    def role_label(self) -> str:
        return roles.role_label(self.role, self.organisation)


class AccountState(models.Model):
    """Per-account security state (等保2.0): the one live session, login and password times."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name="用户",
                                on_delete=models.CASCADE, related_name="account_state")
    session_key = models.CharField("当前会话", max_length=40, blank=True)
    login_at = models.DateTimeField("最近登录时间", null=True, blank=True)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)
    totp_secret = models.CharField("动态口令密钥（加密）", max_length=255, blank=True)
    totp_enabled = models.BooleanField("已启用动态口令", default=False)
    # The last time step (RFC 6238, 30 s) a code was accepted for: a code is good once.
    totp_last_step = models.BigIntegerField("最近使用的口令时间步", null=True, blank=True)
    # Wrong codes counted per account across logins, and the lock they lead to (as passwords).
    totp_failures = models.PositiveSmallIntegerField("动态口令连续错误次数", default=0)
    totp_locked_until = models.DateTimeField("动态口令锁定至", null=True, blank=True)
    # An unlock link issued before this moment is spent (orgs/unlock.py: single use).
    unlocked_at = models.DateTimeField("最近自助解锁时间", null=True, blank=True)

    # Every queryset update drops the cached copy orgs.security reads (orgs.statecache).
    objects = statecache.AccountStateQuerySet.as_manager()

    class Meta:
        verbose_name = "账号安全状态"
        verbose_name_plural = "账号安全状态"

    def __str__(self):
        return str(self.user)



# A saved or deleted row (save, get_or_create, update_or_create, the admin, a cascade from the
# user) drops the cached copy as well.
models.signals.post_save.connect(statecache.forget_row, sender=AccountState,
                                 dispatch_uid="orgs.account_state.saved")
models.signals.post_delete.connect(statecache.forget_row, sender=AccountState,
                                   dispatch_uid="orgs.account_state.deleted")


class RecoveryCode(models.Model):
    """A single-use recovery code of the second factor, stored as its SHA-256 (the codes are
    random, 50 bits each, so a plain hash is enough; the clear code is shown once)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户",
                             on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField("恢复码摘要", max_length=64)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)
    used_at = models.DateTimeField("使用时间", null=True, blank=True)

    class Meta:
        verbose_name = "动态口令恢复码"
        verbose_name_plural = "动态口令恢复码"
        constraints = [models.UniqueConstraint(fields=["user", "code_hash"],
                                               name="recovery_code_unique")]

    def __str__(self):
        return f"{self.user} · {'已使用' if self.used_at else '可用'}"


class PasswordHistory(models.Model):
    """Hashes of an account's recent passwords (等保2.0: a new password repeats neither the
    current one nor the five before it): written and read by orgs.passwords.HistoryValidator."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户",
                             on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField("密码（哈希）", max_length=128)
    created_at = models.DateTimeField("设置时间", auto_now_add=True)

    class Meta:
        verbose_name = "历史密码"
        verbose_name_plural = "历史密码"
        ordering = ["user_id", "-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self):
        return f"{self.user} · {self.created_at:%Y-%m-%d}"
