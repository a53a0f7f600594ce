"""公示: publish the list for a period of working days; objections must all be handled
before the final list is confirmed (105号 四(三) 向社会公示)."""

from django.db import transaction
from django.utils import timezone

from calls.choices import ProjectKind
from core.errors import DomainError
from core.pii import encrypt
from core.text import sentence
from declare.schema import chinese_date
from declare.workflow import APPLICATION, transition
from workdays.days import period_end

from .. import notices
from ..models import (
    DecisionItem,
    NoticeStatus,
    Objection,
    ObjectionOutcome,
    ObjectionStatus,
    PublicNotice,
)
from ..rules import can_review
from ..selectors import admitted_applications, current_notice
from ..workflow import NOTICE, OBJECTION
from .decision import release
from .notice_text import notice_body, refresh, selected_items
from .receipt import require_sending_closed

__all__ = ["confirm_list", "draft_notice", "publish_notice", "record_objection",
           "resolve_objection", "selected_items", "withdraw_notice"]


def withdrawn_notices(call) -> list[PublicNotice]:
    return list(PublicNotice.objects.filter(call=call, status=NoticeStatus.WITHDRAWN)
                .select_related("withdrawn_by"))


def draft_notice(call, *, by, starts_on, working_days: int, contact: str,
                 today=None) -> dict:
    """The 公示 as it would be published (title, body, ends_on, items), every rule checked:
    what the preview shows and what publish_notice stores."""
    if not can_review(by, call):
        raise DomainError("您无权发布公示。")
    if current_notice(call) is not None:
        raise DomainError("本批次的公示已发布；如需更正，请先撤回公示。")
    # A kind with nothing admitted (no studio received, say) has nothing to decide.
    decided = set(call.review_decisions.values_list("kind", flat=True))
    received = set(admitted_applications(call).order_by().values_list("kind", flat=True).distinct())
    missing = [ProjectKind(k).label for k in call.kinds if k in received and k not in decided]
    if not decided:
        raise DomainError("尚未作出复审决定。")
    if missing:
        raise DomainError("尚未作出复审决定：" + "、".join(missing) + "。")
    require_sending_closed(call, sorted(decided), step="发布公示", received=True)
    if not (contact or "").strip():
        raise DomainError("请填写联系人及电话。", field="contact")
    today = today or timezone.localdate()
    if starts_on < today:
        raise DomainError(f"公示开始日期不能早于今天（{chinese_date(today)}）。", field="starts_on")
    minimum = call.threshold("notice_min_working_days")
    if working_days < minimum:
        raise DomainError(f"公示期不得少于{minimum}个工作日。", field="working_days")
    ends_on = period_end(starts_on, working_days)
    items = list(selected_items(call))
    return {"title": f"关于{call.year}年度{call.get_level_display()}高技能人才培训基地和技能大师"
                     "工作室建设项目拟推荐名单的公示",
            "body": notice_body(call, items, starts_on, ends_on, working_days, contact.strip()),
            "contact": contact.strip(), "starts_on": starts_on, "working_days": working_days,
            "ends_on": ends_on, "items": items}


@transaction.atomic
def publish_notice(call, *, by, starts_on, working_days: int, contact: str,
                   today=None) -> PublicNotice:
    """Publish the 公示 and release the decisions with it (review.services.decision.release):
    every application moves once to its outcome, every applicant is told once. After a
    withdrawal this is the re-issue: a new 公示 (new dates and text), the withdrawn one kept;
    the decisions were released with the first one, so nobody is told again (see release)."""
    draft = draft_notice(call, by=by, starts_on=starts_on, working_days=working_days,
                         contact=contact, today=today)
    items, ends_on = draft.pop("items"), draft["ends_on"]
    previous = PublicNotice.objects.filter(call=call, status=NoticeStatus.WITHDRAWN).first()
    notice = PublicNotice.objects.create(call=call, status=NoticeStatus.PUBLISHED, published_by=by,
                                         **draft)
    NOTICE.start(notice, by=by, payload={
        "starts_on": str(starts_on), "ends_on": str(ends_on),
        "applications": [i.application.reference for i in items],
        "reissue_of": previous.pk if previous else None})
    release(call, by=by, starts_on=starts_on, ends_on=ends_on)
    return notice


@transaction.atomic
def withdraw_notice(notice, *, by, reason: str) -> PublicNotice:
    """撤回公示 with a reason, only while no objection is recorded (an objection is answered
    on the 公示 it was made against, never made to vanish with it). The withdrawn 公示 stays
    public, marked 已撤回 with its reason and date; the decisions stay released."""
    notice = _lock_notice(notice)
    if not can_review(by, notice.call):
        raise DomainError("您无权撤回公示。")
    NOTICE.check(notice, "withdraw_notice")
    count = notice.objections.count()
    if count:
        raise DomainError(f"本公示已登记{count}件异议，不能撤回；请办结异议，如名单需变更请提出复议。")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写撤回理由。", field="reason")
    limit = PublicNotice._meta.get_field("withdraw_reason").max_length
    if len(reason) > limit:
        raise DomainError(f"撤回理由不能超过{limit}字。", field="reason")
    NOTICE.move(notice, "withdraw_notice", by=by, reason=reason, withdrawn_by=by,
                withdrawn_at=timezone.now(), withdraw_reason=sentence(reason),
                payload={"reason": reason})
    return notice


def _lock_notice(notice) -> PublicNotice:
    return PublicNotice.objects.select_for_update().select_related("call__issuer").get(
        pk=notice.pk)


@transaction.atomic
def record_objection(notice, *, by, received_on, name: str, contact: str, content: str,
                     application=None) -> Objection:
    """Record a named objection (实名): name, contact and content are all required."""
    notice = _lock_notice(notice)
    if not can_review(by, notice.call):
        raise DomainError("您无权登记异议。")
    if notice.status == NoticeStatus.WITHDRAWN:
        raise DomainError("该公示已撤回，不能登记异议。")
    if notice.status != NoticeStatus.PUBLISHED:
        raise DomainError("名单已确认，不能再登记异议。")
    if received_on and not notice.starts_on <= received_on <= min(notice.ends_on,
                                                                   timezone.localdate()):
        raise DomainError(f"收到日期应在公示期内（{chinese_date(notice.starts_on)}至"
                          f"{chinese_date(notice.ends_on)}），且不晚于今天。", field="received_on")
    for field, value, label in (("name", name, "异议人姓名"), ("contact", contact, "联系方式"),
                                ("content", content, "异议内容")):
        if not (value or "").strip():
            raise DomainError(f"请填写{label}（异议须实名提出）。", field=field)
    objection = Objection.objects.create(
        notice=notice, application=application, received_on=received_on, name=name.strip(),
        contact_encrypted=encrypt(contact.strip()), content=content.strip(), recorded_by=by)
    OBJECTION.start(objection, by=by,
                    payload={"application": application.reference if application else ""})
    if application is not None:
        notices.objection_recorded(objection)
    return objection


@transaction.atomic
def resolve_objection(objection, *, by, outcome: str, handling: str) -> Objection:
    """Close an objection; an upheld one against a listed project takes it off the list."""
    objection = Objection.objects.select_for_update(of=("self",)).select_related(
        "notice__call__issuer", "application__unit").get(pk=objection.pk)
    if not can_review(by, objection.notice.call):
        raise DomainError("您无权处理异议。")
    if not OBJECTION.can(objection, "resolve_objection"):
        raise DomainError("该异议已办结。")
    if outcome not in ObjectionOutcome.values:
        raise DomainError("请选择处理结论。", field="outcome")
    if not (handling or "").strip():
        raise DomainError("请填写处理情况。", field="handling")
    OBJECTION.move(objection, "resolve_objection", by=by, reason=handling.strip(),
                   outcome=outcome, handling=handling.strip(), resolved_by=by,
                   resolved_at=timezone.now(), payload={"outcome": outcome})
    app = objection.application
    if outcome == ObjectionOutcome.UPHELD and app is not None and APPLICATION.can(app, "revoke"):
        transition(app, "revoke", by=by, comment=f"公示异议成立：{handling.strip()}")
        DecisionItem.objects.filter(application=app).update(selected=False)
        notices.revoked(app)
        refresh(_lock_notice(objection.notice))   # the body marks it 经核查取消
    return objection


@transaction.atomic
def confirm_list(notice, *, by, today=None) -> PublicNotice:
    """Confirm the final list: only after the period and with no objection open."""
    notice = _lock_notice(notice)
    if not can_review(by, notice.call):
        raise DomainError("您无权确认名单。")
    if notice.status == NoticeStatus.WITHDRAWN:
        raise DomainError("该公示已撤回，不能确认名单。")
    if not NOTICE.can(notice, "confirm_list"):
        raise DomainError("名单已确认。")
    open_count = notice.objections.filter(status=ObjectionStatus.OPEN).count()
    if open_count:
        raise DomainError(f"尚有{open_count}件异议未办结，不能确认名单。")
    today = today or timezone.localdate()
    if today <= notice.ends_on:
        raise DomainError(f"公示期至{chinese_date(notice.ends_on)}止，期满后方可确认名单。")
    NOTICE.move(notice, "confirm_list", by=by, confirmed_by=by, confirmed_at=timezone.now())
    for item in selected_items(notice.call):
        notices.list_confirmed(item.application)
    return notice
