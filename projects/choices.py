"""The vocabulary of the post-award lifecycle (鄂人社发〔2022〕100号 六、七)."""

from django.db import models

from calls.choices import ProjectKind


class ProjectStatus(models.TextChoices):
    CONSTRUCTION = "construction", "建设中"
    AWAITING_ACCEPTANCE = "awaiting_acceptance", "待验收"
    RECTIFYING = "rectifying", "整改中"
    ACCEPTED = "accepted", "已验收"
    REVOKED = "revoked", "已撤销"
    TERMINATED = "terminated", "已终止"


S = ProjectStatus
# The project's actions and their states: projects.workflow.PROJECT.

# A project in one of these states is still in its construction period (105号 二(三)).
OPEN_STATUSES = (S.CONSTRUCTION, S.AWAITING_ACCEPTANCE, S.RECTIFYING)


class FundingSource(models.TextChoices):
    """100号 二(二): 补助资金优先从就业补助资金中列支，不足从市人才专项资金中列支."""

    EMPLOYMENT = "employment", "就业补助资金"
    TALENT = "talent", "市人才专项资金"


class Purpose(models.TextChoices):
    # 100号 六(一) 培训基地建设项目经费
    EQUIPMENT = "equipment", "技能研修实训设备的购置改造与维护"
    MATERIALS = "materials", "原材料消耗"
    INSTRUCTORS = "instructors", "指导教师聘用"
    TEACHER_TRAINING = "teacher_training", "师资培训"
    FACILITIES = "facilities", "培训基础设施完善"
    CURRICULA = "curricula", "课程设置和教材开发"
    RESEARCH = "research", "与教学活动有关的科研活动"
    OTHER_TRAINING = "other_training", "其他培训成本"
    # 100号 六(二) 技能大师工作室建设项目经费
    INNOVATION = "innovation", "技术技能创新研发"
    SUPPLIES = "supplies", "培训用品购置"
    EXCHANGE = "exchange", "技能交流推广"
    # 不得列支 (100号 六)
    TRAVEL = "travel", "差旅费"
    LABOUR = "labour", "劳务费"


P = Purpose
PURPOSES_FOR_KIND = {
    ProjectKind.BASE: (P.EQUIPMENT, P.MATERIALS, P.INSTRUCTORS, P.TEACHER_TRAINING,
                       P.FACILITIES, P.CURRICULA, P.RESEARCH, P.OTHER_TRAINING),
    ProjectKind.STUDIO: (P.INNOVATION, P.SUPPLIES, P.EXCHANGE),
}
FORBIDDEN_PURPOSES = (P.TRAVEL, P.LABOUR)
PURPOSE_CITATION = {ProjectKind.BASE: "鄂人社发〔2022〕100号 六(一)",
                    ProjectKind.STUDIO: "鄂人社发〔2022〕100号 六(二)"}


class Grade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    GOOD = "good", "良好"
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


class EvaluationKind(models.TextChoices):
    """100号 七(二): 定期检查 and 分阶段评估."""

    INSPECTION = "inspection", "定期检查"
    STAGED = "staged", "分阶段评估"


class ChangeKind(models.TextChoices):
    RENAME = "rename", "单位名称变更"
    DISSOLVE = "dissolve", "单位撤销"
    LEADER = "leader", "工作室领办人变更"


class ChangeStatus(models.TextChoices):
    PENDING = "pending", "待核准"
    APPROVED = "approved", "已核准"
    REJECTED = "rejected", "不予核准"


class LeaderLeaving(models.TextChoices):
    """100号 七(四): 因调离、解聘、退休等原因变更领办人."""

    TRANSFERRED = "transferred", "调离"
    DISMISSED = "dismissed", "解聘"
    RETIRED = "retired", "退休"
    OTHER = "other", "其他"


class RevocationReason(models.TextChoices):
    """100号 七(二): 未按照规定开展高技能人才培训工作以及弄虚作假."""

    FRAUD = "fraud", "弄虚作假"
    NO_TRAINING = "no_training", "未按照规定开展高技能人才培训工作"


class ReminderKind(models.TextChoices):
    PERIOD_ENDING = "period_ending", "建设期即将届满"
    EVALUATION_DUE = "evaluation_due", "分阶段评估待开展"
    ACCEPTANCE_DUE = "acceptance_due", "验收待申请"

# CSS badge per status (app.css .badge .ok .warn .bad), so templates never compare strings.
STATUS_BADGE = {S.CONSTRUCTION: "", S.AWAITING_ACCEPTANCE: "warn", S.RECTIFYING: "bad",
                S.ACCEPTED: "ok", S.REVOKED: "bad", S.TERMINATED: ""}
