"""复审决定, as HotCRP keeps decisions: a draft worked on in private (the reviewer's office
only), released once with the 公示, and changed after that only by a recorded 复议.

- `decide` saves the draft (Decision + DecisionItems): no application moves, nobody is told.
- `release` (called by review.services.notice.publish_notice) moves every application once to
  its final outcome and tells each applicant and recommender once.
- `reconsider` (复议) changes a released decision with a required reason, audited and on each
  affected application's timeline; only the affected applicants are told. While the 公示 is
  published, its text is re-issued with the corrected list (review.services.notice_text.correct).

RULE for a 公示 withdrawn and re-issued (review.services.notice.withdraw_notice): an applicant is
told its outcome once per outcome. The decisions stay released through the withdrawal, so the
re-issued 公示 releases nothing and tells nobody again; an outcome changes only by a 复议, which
tells exactly the applicants whose outcome changed, when it is recorded.
"""

from django.db import transaction
from django.utils import timezone

from core.errors import DomainError
from declare.models import Application
from declare.workflow import transition

from .. import notices
from ..models import (
    Decision,
    DecisionItem,
    NoticeStatus,
    Objection,
    ObjectionOutcome,
    Panel,
    PanelStatus,
)
from ..results import ranked_rows, weight_of
from ..rules import can_review
from ..selectors import current_notice
from .audit import log
from .notice_text import correct


def ranking_of(panel) -> list[int]:
    """Application ids in the order the decision follows (review.results.ranked_rows)."""
    return [row["application_id"] for row in ranked_rows(panel)]


def _closed_panel(call, kind) -> Panel:
    panel = Panel.objects.filter(call=call, kind=kind).select_related("result", "call").first()
    if panel is None or panel.status != PanelStatus.CLOSED:
        raise DomainError("专家组尚未结束评分，不能作出决定。")
    return panel


def _checked_list(call, kind, panel, selected_ids, departure_reason: str):
    """(ranking, selected, departure reason or "") with every rule of the list checked:
    within the indicator (105号 一), from this panel's result, and a reason for any departure
    from the ranking or for a project absent from its defence."""
    rows = ranked_rows(panel)
    ranking = [r["application_id"] for r in rows]
    selected = [int(i) for i in selected_ids]
    if not selected:
        raise DomainError("请至少选择一个拟推荐项目。", field="selected")
    if any(i not in ranking for i in selected):
        raise DomainError("所选项目不在本专家组评审结果中。", field="selected")
    limit = call.indicator(kind)
    if len(selected) > limit:
        raise DomainError(f"拟推荐项目不能超过指标数（{limit}个），当前选择了{len(selected)}个。",
                          field="selected")
    if weight_of(call):
        missing = [r["reference"] for r in rows if r["final"] is None]
        if missing:
            raise DomainError(f"答辩成绩计入排名，尚未录入答辩成绩：{'、'.join(missing)}。")
    departure_reason = (departure_reason or "").strip()
    departs = set(selected) != set(ranking[:len(selected)])
    if departs and not departure_reason:
        raise DomainError("所选名单与评分排名不一致，请填写理由。", field="departure_reason")
    absent = [r["reference"] for r in rows if r["application_id"] in selected
              and r["defence"] is not None and r["defence"].attendance == "absent"]
    if absent and not departure_reason:
        raise DomainError(f"{'、'.join(absent)}缺席网络答辩，如仍拟推荐，请填写理由。",
                          field="departure_reason")
    return ranking, selected, departure_reason if departs or absent else ""


@transaction.atomic
def decide(call, kind, *, by, selected_ids, expert_opinion: str, hr_opinion: str,
           finance_opinion: str, departure_reason: str = "") -> Decision:
    """Save the draft list (≤ call.indicator(kind)) and the 表5 opinions; as often as needed
    until the 公示 releases it. Moves no application and tells nobody."""
    if not can_review(by, call):
        raise DomainError("您无权作出复审决定。")
    panel = _closed_panel(call, kind)
    current = Decision.objects.select_for_update().filter(call=call, kind=kind).first()
    if current is not None and current.is_released:
        raise DomainError("复审决定已随公示发布，不能直接修改；如需变更，请提出复议并说明理由。")
    texts = {"expert_opinion": expert_opinion, "hr_opinion": hr_opinion,
             "finance_opinion": finance_opinion}
    for field, text in texts.items():
        if not (text or "").strip():
            raise DomainError("请填写此项意见。", field=field)
    ranking, selected, reason = _checked_list(call, kind, panel, selected_ids, departure_reason)
    decision, _ = Decision.objects.update_or_create(
        call=call, kind=kind, defaults={**{k: v.strip() for k, v in texts.items()},
                                        "departure_reason": reason, "decided_by": by})
    decision.items.exclude(application_id__in=ranking).delete()
    for position, app_id in enumerate(ranking, start=1):
        DecisionItem.objects.update_or_create(application_id=app_id, defaults={
            "decision": decision, "score_rank": position, "selected": app_id in selected})
    log(call, by=by, action="decide", subject=f"{panel.name}复审决定（草稿）",
        payload={"selected": selected, "ranking": ranking, "departure_reason": reason})
    return decision


def _outcome(app, chosen: bool, *, by, position: int, comment: str):
    transition(app, "approve" if chosen else "reject", by=by, payload={"score_rank": position},
               comment=comment or ("拟推荐备案，将向社会公示" if chosen else "复审未入选"))


def release(call, *, by, starts_on, ends_on) -> list[DecisionItem]:
    """Release every draft decision of `call` with its 公示 (inside publish_notice's
    transaction): each application moves once to its final outcome, each applicant and its
    recommender are told once. A decision already released (a re-issued 公示) is skipped:
    see the RULE above."""
    items = []
    now = timezone.now()
    for decision in Decision.objects.select_for_update().filter(call=call,
                                                                released_at__isnull=True):
        decision.released_at = now
        decision.save(update_fields=["released_at"])
        for item in decision.items.select_related("application__unit").order_by("score_rank"):
            _outcome(item.application, item.selected, by=by, position=item.score_rank,
                     comment="")
            notices.released(item.application, item.selected, starts_on=starts_on,
                             ends_on=ends_on)
            items.append(item)
        log(call, by=by, action="release_decision", subject=str(decision),
            payload={"selected": [i.application_id for i in items if i.selected]})
    return items


@transaction.atomic
def reconsider(call, kind, *, by, selected_ids, reason: str, departure_reason: str = "",
               today=None) -> list[Application]:
    """复议: change a released decision, with its reason; returns the applications whose
    outcome changed (only they move and only their parties are told). A published 公示 is
    re-issued with the corrected list, marked （更正）, its period restarted
    (review.services.notice_text.correct)."""
    if not can_review(by, call):
        raise DomainError("您无权复议复审决定。")
    decision = Decision.objects.select_for_update().filter(call=call, kind=kind).first()
    if decision is None or not decision.is_released:
        raise DomainError("复审决定尚未发布，可直接修改并保存，无需复议。")
    notice = current_notice(call)
    if notice is not None and notice.status == NoticeStatus.CONFIRMED:
        raise DomainError("推荐名单已确认，不能再复议。")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写复议理由。", field="reason")
    panel = _closed_panel(call, kind)
    _ranking, selected, departure = _checked_list(call, kind, panel, selected_ids,
                                                  departure_reason or reason)
    items = {i.application_id: i for i in decision.items.select_related("application__unit")}
    changed = [i for i in items.values() if i.selected != (i.application_id in selected)]
    if not changed:
        raise DomainError("复议后的名单与已发布的决定相同，无需复议。", field="selected")
    upheld = set(Objection.objects.filter(application_id__in=selected,
                                          outcome=ObjectionOutcome.UPHELD)
                 .values_list("application__reference", flat=True))
    if upheld:
        raise DomainError(f"{'、'.join(sorted(upheld))}的公示异议已成立，不能复议列入。",
                          field="selected")
    before = sorted(i.application_id for i in items.values() if i.selected)
    for item in sorted(changed, key=lambda i: i.score_rank):
        chosen = not item.selected
        transition(item.application, "reconsider", by=by, comment=f"复议：{reason}")
        _outcome(item.application, chosen, by=by, position=item.score_rank,
                 comment=f"复议：{reason}")
        item.selected = chosen
        item.save(update_fields=["selected"])
        notices.reconsidered(item.application, chosen, reason)
    decision.departure_reason = departure
    decision.decided_by = by
    decision.save(update_fields=["departure_reason", "decided_by", "decided_at"])
    log(call, by=by, action="reconsider", subject=f"{panel.name}复审决定复议",
        payload={"kind": kind, "reason": reason, "before": before, "after": sorted(selected),
                 "changed": [i.application.reference for i in changed]})
    correct(call, by=by, reason=f"复议：{reason}", today=today)
    return [i.application for i in changed]


def reconsiderations(call, kind) -> list:
    """The 复议 records of a kind's decision, oldest first (from the audit record)."""
    return list(call.review_events.filter(action="reconsider", payload__kind=kind)
                .select_related("actor"))
