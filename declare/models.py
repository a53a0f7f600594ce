import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from calls.choices import Category, ProjectKind, Tier
from calls.models import Call
from catalog.models import Occupation
from orgs.models import Organisation

from .checklist import PERSONAL_ITEMS
from .models_figures import ApplicationFigures, BudgetFigure, TrainingFigure  # noqa: F401


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交推荐单位"
    RETURNED = "returned", "退回修改"
    RECOMMENDED = "recommended", "已推荐"
    NOT_RECOMMENDED = "not_recommended", "不予推荐"
    FORWARDED = "forwarded", "推荐单位已报送"
    ACCEPTED = "accepted", "已受理"
    APPROVED = "approved", "拟推荐备案"
    REJECTED = "rejected", "未入选"


# States in which the applicant unit may edit its sections.
EDITABLE_STATUSES = (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)

class EventAction(models.TextChoices):
    """What a timeline entry records (ApplicationEvent.action): every action of the
    application's workflow (declare.workflow.APPLICATION takes its labels from here) and the
    entries that change no state (上传材料, 删除材料, 填写情况说明, 说明未修改原因)."""

    CREATE = "create", "创建申报"
    SUBMIT = "submit", "提交推荐单位"
    WITHDRAW = "withdraw", "撤回申报"
    RETURN = "return", "退回修改"
    UPLOAD = "upload", "上传材料"
    REMOVE_MATERIAL = "remove_material", "删除材料"
    EXPLAIN = "explain", "填写情况说明"
    UNCHANGED_REASON = "unchanged_reason", "说明未修改原因"
    RECOMMEND = "recommend", "推荐"
    NOT_RECOMMEND = "not_recommend", "不予推荐"
    UNDO_DECISION = "undo_decision", "撤销初评结论"
    FORWARD = "forward", "推荐单位报送"
    REOPEN = "reopen", "退回重报"
    ACCEPT = "accept", "受理"
    APPROVE = "approve", "拟推荐备案"
    REJECT = "reject", "确定为未入选"
    RECONSIDER = "reconsider", "调整复审决定"
    REVOKE = "revoke", "撤销拟推荐"


class Application(models.Model):
    """申报: one unit's declaration of one project in one call (附件3 or 附件4)."""

    call = models.ForeignKey(Call, verbose_name="申报批次", on_delete=models.PROTECT,
                             related_name="applications")
    unit = models.ForeignKey(Organisation, verbose_name="项目申报单位", on_delete=models.PROTECT,
                             related_name="applications")
    kind = models.CharField("项目类型", max_length=10, choices=ProjectKind.choices)
    category = models.CharField("项目类别", max_length=20, choices=Category.choices)
    tier = models.CharField("档次", max_length=1, choices=Tier.choices, blank=True)
    status = models.CharField("状态", max_length=20, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.DRAFT, db_index=True)
    reference = models.CharField("申报编号", max_length=30, unique=True)
    submitted_version = models.PositiveIntegerField("提交版本", default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="创建人",
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    explanations = models.JSONField(
        "情况说明", default=dict, blank=True,
        help_text="资格预审中“需说明”事项的说明，按规则编号保存。")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "申报"
        verbose_name_plural = "申报"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["call", "kind", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="studio", tier="")
                           | models.Q(kind="base", tier__in=["A", "B"])),
                name="application_tier_only_for_bases",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.unit.label} {self.get_kind_display()}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def category_label(self) -> str:
        from calls.choices import category_tier_label

        return category_tier_label(self.category, self.tier or None)


class Speciality(models.Model):
    """申报专业（职业工种）: 1–2 per base (one 表3-n block each), exactly one per studio."""

    application = models.ForeignKey(Application, verbose_name="申报", on_delete=models.CASCADE,
                                    related_name="specialities")
    position = models.PositiveSmallIntegerField("序号")
    occupation = models.ForeignKey(Occupation, verbose_name="职业（工种）",
                                   on_delete=models.PROTECT, related_name="+")
    work_type = models.CharField("工种", max_length=60, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "申报专业"
        verbose_name_plural = "申报专业"
        ordering = ["application_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["application", "position"],
                                    name="speciality_position_unique"),
            # how many: the call's max_specialities (services.applications._check_shape)
            models.CheckConstraint(condition=models.Q(position__gte=1),
                                   name="speciality_position_from_1"),
        ]

    def __str__(self):
        return f"{self.occupation.name}（{self.occupation.code}）"


class Section(models.Model):
    """One section of the form (e.g. 表1-1), saved on its own; `version` is the optimistic lock."""

    application = models.ForeignKey(Application, verbose_name="申报", on_delete=models.CASCADE,
                                    related_name="sections")
    key = models.CharField("栏目", max_length=30)
    data = models.JSONField("内容", default=dict, blank=True)
    # The raw text of every input that did not pass validation, kept so a draft never loses
    # typing: {input name: {"value": text, "errors": [message]}} (PII values encrypted).
    pending = models.JSONField("待修改的填写", default=dict, blank=True)
    version = models.PositiveIntegerField("版本", default=0)
    # the form version (declare.formdefs) the data was written under: the call's, when first saved
    form = models.CharField("申报表版本", max_length=40, blank=True, default="")
    complete = models.BooleanField("已填完", default=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="最后修改人",
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField("最后修改时间", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "申报表栏目"
        verbose_name_plural = "申报表栏目"
        ordering = ["application_id", "key"]
        constraints = [
            models.UniqueConstraint(fields=["application", "key"], name="section_unique"),
        ]

    def __str__(self):
        return f"{self.application.reference} {self.key} v{self.version}"

    def save(self, *args, **kwargs):
        if not self.form:
            self.form = self.application.call.form
        super().save(*args, **kwargs)


class ApplicationEvent(models.Model):
    """Append-only timeline: every transition with who, when and why."""

    application = models.ForeignKey(Application, verbose_name="申报", on_delete=models.CASCADE,
                                    related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True,
                              on_delete=models.SET_NULL, related_name="+")
    actor_org = models.ForeignKey(Organisation, verbose_name="操作单位", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    action = models.CharField("操作", max_length=30)
    from_status = models.CharField("原状态", max_length=20, blank=True)
    to_status = models.CharField("新状态", max_length=20, blank=True)
    comment = models.TextField("说明", blank=True)
    payload = models.JSONField("附加信息", default=dict, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "申报记录"
        verbose_name_plural = "申报记录"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"

    @property
    def action_label(self) -> str:
        return dict(EventAction.choices).get(self.action, self.action)

    @property
    def from_label(self) -> str:
        return dict(ApplicationStatus.choices).get(self.from_status, self.from_status)

    @property
    def to_label(self) -> str:
        return dict(ApplicationStatus.choices).get(self.to_status, self.to_status)


def material_path(instance, filename) -> str:
    """A generated name: the user's file name never reaches the file system."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"materials/{instance.application_id}/{uuid.uuid4().hex}.{ext}"


class Material(models.Model):
    """申报材料: one uploaded file, labelled with its checklist item (declare.checklist).

    Files live in private storage (core.storage: disk or bucket) and are served only through a
    permission-checked view; those of the personal checklist items are sealed (core.sealed).
    Removal is soft, so files a snapshot refers to are never lost.
    """

    application = models.ForeignKey(Application, verbose_name="申报", on_delete=models.CASCADE,
                                    related_name="materials")
    item = models.CharField("材料项目", max_length=30)
    title = models.CharField("文件名", max_length=120)
    file = models.FileField("文件", upload_to=material_path, max_length=200)
    content_type = models.CharField("文件类型", max_length=40)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    position = models.PositiveIntegerField("排序", default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人",
                                    null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    removed_at = models.DateTimeField("删除时间", null=True, blank=True)

    class Meta:
        verbose_name = "申报材料"
        verbose_name_plural = "申报材料"
        ordering = ["application_id", "item", "position", "id"]
        indexes = [models.Index(fields=["application", "item", "position"])]

    def __str__(self):
        return self.title

    @property
    def is_personal(self) -> bool:
        """A file of a personal checklist item (declare.checklist `personal`)."""
        return self.item in PERSONAL_ITEMS


class Snapshot(models.Model):
    """提交版本: the application frozen at a submission (immutable; a DB trigger refuses UPDATE)."""

    application = models.ForeignKey(Application, verbose_name="申报", on_delete=models.PROTECT,
                                    related_name="snapshots")
    version = models.PositiveIntegerField("版本号")
    label = models.CharField("版本标识", max_length=40, unique=True)
    sha256 = models.CharField("SHA-256", max_length=64)
    data = models.JSONField("内容")
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="提交人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "提交版本"
        verbose_name_plural = "提交版本"
        ordering = ["application_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["application", "version"],
                                    name="snapshot_version_unique"),
        ]

    def __str__(self):
        return self.label


from .models_carry import CarryForward  # noqa: E402,F401  (复制上年申报, issue 17 §6)
