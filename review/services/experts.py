"""专家库 writes: the expert's record (profile), the invitation and its acceptance with the
保密及回避承诺, and declared conflicts."""

from django.db import transaction
from django.utils import timezone

from audit.models import AuditAction
from audit.services import log_event
from core.errors import DomainError
from core.pii import encrypt

from .. import notices
from ..models import Assignment, ConflictDeclaration, Expert, ScoreSheet

PLEDGE = (
    "保密及回避承诺\n"
    "一、本人对评审中接触的申报材料、评分情况、专家组讨论内容和评审结果严格保密，"
    "不复制、不外传、不用于评审以外的任何用途，评审结果公布前不向任何单位和个人透露。\n"
    "二、本人如实申报工作单位、所在盟市、近三年任职及合作单位；与申报单位存在以下情形之一的，"
    "主动申请回避：本人所在单位或推荐单位；同一推荐地区（盟市）；本人所在单位在同一专家组申报；"
    "近三年曾任职或有合作；其他可能影响公正评审的关系。\n"
    "三、本人独立、客观、公正评分，不接受申报单位及相关人员的请托、宴请和馈赠。\n"
    "四、如违反上述承诺，本人愿意承担相应责任，并接受取消评审专家资格的处理。"
)


@transaction.atomic
def save_expert(expert: Expert | None, *, by, pool, name: str, organisation, post: str,
                mobile: str, occupations, user=None, is_active: bool = True,
                past_affiliations=None, collaborators=None) -> Expert:
    """Create or update an expert of the 专家库 of `pool` (an issuing organisation); the mobile
    number is stored encrypted only. An expert drawn into a panel stays in its pool."""
    expert = expert or Expert()
    if expert.pk and expert.pool_id != pool.pk and expert.memberships.exists():
        raise DomainError("该专家已进入专家组，不能转入其他专家库。", field="pool")
    expert.pool = pool
    expert.name, expert.organisation, expert.post = name, organisation, post
    expert.user, expert.is_active = user, is_active
    if mobile:
        expert.mobile_encrypted = encrypt(mobile)
    expert._change_reason = f"由 {by} 维护"
    expert.save()
    expert.occupations.set(occupations)
    if past_affiliations is not None:
        expert.past_affiliations.set(past_affiliations)
    if collaborators is not None:
        expert.collaborators.set(collaborators)
    return expert


@transaction.atomic
def invite_expert(expert: Expert, *, by) -> Expert:
    """Invite an expert of the pool (the caller got it from selectors.access_expert); the
    expert accepts by confirming PLEDGE, and only then is drawn into a panel."""
    expert = Expert.objects.select_for_update().get(pk=expert.pk)
    if expert.user_id is None:
        raise DomainError(f"{expert.name}尚无系统账号，无法发送邀请。")
    if expert.has_accepted:
        raise DomainError(f"{expert.name}已接受邀请。")
    expert.invited_at = timezone.now()
    expert._change_reason = "发送评审邀请"
    expert.save(update_fields=["invited_at"])
    log_event(expert, by, AuditAction.CHANGE, step="invite_expert", subject=expert.name)
    notices.expert_invited(expert)
    return expert


@transaction.atomic
def accept_invitation(expert: Expert, *, by, confirmed: bool) -> Expert:
    """The expert, and only the expert, accepts the invitation by confirming PLEDGE."""
    expert = Expert.objects.select_for_update().get(pk=expert.pk)
    if expert.user_id != by.id:
        raise DomainError("只能由专家本人接受邀请。")
    if expert.invited_at is None:
        raise DomainError("尚未收到评审邀请。")
    if expert.has_accepted:
        raise DomainError("您已接受邀请。")
    if not confirmed:
        raise DomainError("请阅读并勾选确认保密及回避承诺。", field="confirm")
    expert.accepted_at, expert.pledge = timezone.now(), PLEDGE
    expert._change_reason = "接受评审邀请并确认保密及回避承诺"
    expert.save(update_fields=["accepted_at", "pledge"])
    log_event(expert, by, AuditAction.CHANGE, step="accept_invitation", subject=expert.name)
    return expert


@transaction.atomic
def declare_conflict(*, expert: Expert, application, reason: str, by) -> ConflictDeclaration:
    """Record a declared conflict and drop the expert's unscored assignment to the application."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写回避事由。", field="reason")
    limit = ConflictDeclaration._meta.get_field("reason").max_length
    if len(reason) > limit:
        raise DomainError(f"回避事由不能超过{limit}字。", field="reason")
    assignment = Assignment.objects.select_for_update().filter(
        expert=expert, application=application).first()
    if assignment is not None:
        sheet = ScoreSheet.objects.filter(assignment=assignment).first()
        if sheet is not None and sheet.is_locked:
            raise DomainError("评分表已提交，如需回避请联系专家组组长退回后再声明。")
        if sheet is not None:
            sheet.scores.all().delete()
            sheet.delete()
        assignment.delete()
    declaration, _ = ConflictDeclaration.objects.update_or_create(
        expert=expert, application=application, defaults={"reason": reason, "declared_by": by})
    return declaration
