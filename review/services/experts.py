"""专家库 writes: the expert's record and declared conflicts."""

from django.db import transaction

from core.errors import DomainError
from core.pii import encrypt

from ..models import Assignment, ConflictDeclaration, Expert, ScoreSheet


@transaction.atomic
def save_expert(expert: Expert | None, *, by, pool, name: str, organisation, post: str,
                mobile: str, occupations, user=None, is_active: bool = True) -> Expert:
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
