"""Can this call open? Everything a recommender and an applicant will need must be there; each
missing piece is named. The call's own fields are checked here, the other apps' parts by their
receivers of calls.signals.readiness (quotas: 附件1; review: 评分细则)."""

from django.utils import timezone

from .copying import PLACEHOLDER
from .signals import readiness


def problems(call, *, now=None) -> list[str]:
    now = now or timezone.now()
    out = []
    if not call.doc_number or PLACEHOLDER in call.doc_number:
        out.append("请填写本批次的文号。")
    if not call.kinds:
        out.append("请至少选择一类建设项目（培训基地或工作室）。")
    for kind in call.kinds:
        if call.indicator(kind) <= 0:
            label = "培训基地项目指标" if kind == "base" else "工作室项目指标"
            out.append(f"请填写{label}（大于0）。")
    if call.recommender_deadline is None or call.deadline <= now:
        out.append("推荐单位报送截止时间应晚于当前时间。")
    if call.published_on and call.contact_due and call.contact_due < call.published_on:
        out.append("联系人报送截止日期不能早于发文日期。")
    if call.pk is None or not call.recommenders.exists():
        out.append("请选择推荐单位。")
    if call.pk is not None:
        for _receiver, found in readiness.send(sender=type(call), call=call):
            out.extend(found or [])
    return out
