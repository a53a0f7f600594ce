"""The text of a 公示 and its re-issue in place (issue 18 §6).

The body is always rendered from the decisions as they stand: the listed projects, and in
their place the ones an upheld objection took off, marked 经核查取消 (never listed silently).

A 复议 while the 公示 is published re-issues the text (`correct`): the corrected list, the
date of the correction, and the period restarted — RULE: the corrected 公示 runs at least
`Call.threshold("notice_min_working_days")` working days from the day of the correction
(the usual practice, 5), never shorter than the period already announced:
ends_on = max(ends_on, period_end(max(today, starts_on), minimum)).
"""

from django.db.models import Q
from django.utils import timezone

from calls.choices import ProjectKind
from declare.schema import chinese_date
from workdays.days import period_end

from ..models import DecisionItem, NoticeStatus, Objection, ObjectionOutcome, PublicNotice
from ..workflow import NOTICE

CANCELLED = "（经核查取消拟推荐）"


def selected_items(call):
    return (DecisionItem.objects.filter(decision__call=call, selected=True)
            .select_related("application__unit__parent", "decision")
            .order_by("decision__kind", "score_rank"))


def cancelled_ids(call) -> set[int]:
    """Applications an upheld objection took off this call's list."""
    return set(Objection.objects.filter(notice__call=call, outcome=ObjectionOutcome.UPHELD,
                                        application__isnull=False)
               .values_list("application_id", flat=True))


def _shown_items(call) -> tuple[list, set[int]]:
    cancelled = cancelled_ids(call)
    items = (DecisionItem.objects.filter(decision__call=call)
             .filter(Q(selected=True) | Q(application_id__in=cancelled))
             .select_related("application__unit__parent", "decision")
             .order_by("decision__kind", "score_rank"))
    return list(items), cancelled


def notice_body(call, items, starts_on, ends_on, working_days, contact, *,
                cancelled=frozenset(), corrected_on=None) -> str:
    lines = [f"根据{call.doc_number}要求，经专家评审、网络答辩和自治区人力资源社会保障厅、财政厅审核，"
             f"拟推荐以下单位为{call.year}年度{call.get_level_display()}建设项目，现予以公示。", ""]
    for kind in ProjectKind.values:
        rows = [i for i in items if i.decision.kind == kind]
        if rows:
            listed = sum(i.application_id not in cancelled for i in rows)
            lines.append(f"{ProjectKind(kind).label}（{listed}个）：")
            lines += [f"{n}. {i.application.unit.name}（{i.application.category_label}）"
                      + (CANCELLED if i.application_id in cancelled else "")
                      for n, i in enumerate(rows, start=1)]
            lines.append("")
    if corrected_on is None:
        lines.append(f"公示期为{working_days}个工作日（{chinese_date(starts_on)}至"
                     f"{chinese_date(ends_on)}）。")
    else:
        minimum = call.threshold("notice_min_working_days")
        lines.append(f"（更正）经复议，名单于{chinese_date(corrected_on)}更正如上，公示期相应延长，自更正"
                     f"之日起不少于{minimum}个工作日：{chinese_date(starts_on)}至{chinese_date(ends_on)}。")
    lines[-1] += "如有异议，请在公示期内以实名方式向我厅反映，并提供联系方式。"
    lines.append(f"联系人及电话：{contact}")
    return "\n".join(lines)


def render(notice: PublicNotice) -> str:
    """The body of a published notice from the decisions as they stand now."""
    items, cancelled = _shown_items(notice.call)
    return notice_body(notice.call, items, notice.starts_on, notice.ends_on,
                       notice.working_days, notice.contact, cancelled=cancelled,
                       corrected_on=notice.corrected_on)


def refresh(notice: PublicNotice) -> None:
    """Re-render the body in place (an upheld objection marks its project 经核查取消)."""
    notice.body = render(notice)
    notice.save(update_fields=["body"])


def correct(call, *, by, reason: str, today=None) -> PublicNotice | None:
    """Re-issue the published 公示 of `call` after a 复议 (inside reconsider's transaction):
    the corrected list, marked （更正） with its date, the period restarted by the RULE above.
    Nothing to do when no 公示 is published (not yet, or withdrawn: the next one is new)."""
    notice = (PublicNotice.objects.select_for_update().filter(
        call=call, status=NoticeStatus.PUBLISHED).first())
    if notice is None:
        return None
    today = today or timezone.localdate()
    minimum = call.threshold("notice_min_working_days")
    before = notice.ends_on
    notice.ends_on = max(before, period_end(max(today, notice.starts_on), minimum))
    notice.corrected_on = today
    notice.body = render(notice)
    notice.save(update_fields=["ends_on", "corrected_on", "body"])
    NOTICE.note(notice, "correct_notice", by=by, reason=reason, payload={
        "corrected_on": str(today), "ends_on_before": str(before), "ends_on": str(notice.ends_on),
        "applications": [i.application.reference for i in selected_items(call)]})
    return notice

