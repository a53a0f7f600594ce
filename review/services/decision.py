"""复审决定: the recommended list within the indicators, with the 表5 opinions."""

from django.db import transaction

from core.errors import DomainError
from declare.models import Application
from declare.workflow import APPLICATION, transition

from .. import notices
from ..models import Decision, DecisionItem, Panel, PanelStatus, PublicNotice
from ..rules import can_review
from .audit import log
from .defence import absent_from_defence


def ranking_of(panel) -> list[int]:
    """Application ids in the frozen result's rank order."""
    return [row["application_id"] for row in panel.result.rows]


@transaction.atomic
def decide(call, kind, *, by, selected_ids, expert_opinion: str, hr_opinion: str,
           finance_opinion: str, departure_reason: str = "") -> Decision:
    """Choose the list (≤ call.indicator(kind)); any departure from the ranking needs reasons.

    105号 一 sets the indicators; 四(三) the region decides after the expert review. May be
    changed until the 公示 is published.
    """
    if not can_review(by, call):
        raise DomainError("您无权作出复审决定。")
    panel = Panel.objects.filter(call=call, kind=kind).select_related("result").first()
    if panel is None or panel.status != PanelStatus.CLOSED:
        raise DomainError("专家组尚未结束评分，不能作出决定。")
    if PublicNotice.objects.filter(call=call).exists():
        raise DomainError("公示已发布，不能再修改复审决定。")
    ranking = ranking_of(panel)
    selected = [int(i) for i in selected_ids]
    if not selected:
        raise DomainError("请至少选择一个拟推荐项目。", field="selected")
    if any(i not in ranking for i in selected):
        raise DomainError("所选项目不在本专家组评审结果中。", field="selected")
    limit = call.indicator(kind)
    if len(selected) > limit:
        raise DomainError(f"拟推荐项目不能超过指标数（{limit}个），当前选择了{len(selected)}个。",
                          field="selected")
    texts = {"expert_opinion": expert_opinion, "hr_opinion": hr_opinion,
             "finance_opinion": finance_opinion}
    for field, text in texts.items():
        if not (text or "").strip():
            raise DomainError("请填写此项意见。", field=field)
    departure_reason = (departure_reason or "").strip()
    departs = set(selected) != set(ranking[:len(selected)])
    if departs and not departure_reason:
        raise DomainError("所选名单与评分排名不一致，请填写理由。", field="departure_reason")
    absent = absent_from_defence(selected)
    if absent and not departure_reason:
        raise DomainError(f"{'、'.join(absent)}缺席网络答辩，如仍拟推荐，请填写理由。",
                          field="departure_reason")
    departs = departs or bool(absent)
    decision, _ = Decision.objects.update_or_create(
        call=call, kind=kind, defaults={**{k: v.strip() for k, v in texts.items()},
                                        "departure_reason": departure_reason if departs else "",
                                        "decided_by": by})
    apps = {a.id: a for a in Application.objects.select_for_update().filter(id__in=ranking)
            .select_related("unit")}
    for position, app_id in enumerate(ranking, start=1):
        app, chosen = apps[app_id], app_id in selected
        DecisionItem.objects.update_or_create(application=app, defaults={
            "decision": decision, "score_rank": position, "selected": chosen})
        _apply(app, chosen, by=by, position=position)
    log(call, by=by, action="decide", subject=f"{panel.name}复审决定",
        payload={"selected": selected, "ranking": ranking, "departure_reason": departure_reason})
    return decision


def _apply(app, chosen: bool, *, by, position: int):
    target = "approve" if chosen else "reject"
    wanted = "approved" if chosen else "rejected"
    if app.status == wanted:
        return
    if APPLICATION.can(app, "reconsider"):
        transition(app, "reconsider", by=by, comment="公示前调整复审决定")
    transition(app, target, by=by, payload={"score_rank": position},
               comment="拟推荐备案，将向社会公示" if chosen else "复审未入选")
    notices.decided(app, chosen)
