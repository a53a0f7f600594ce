"""The review's state machines: panel (专家组), score sheet (评分表), public notice (公示),
objection (异议) and filing (备案材料包). Each step is logged in the call's ReviewEvent record and the audit log by
the one Workflow.log call; the application's own steps are declare.workflow.APPLICATION."""

from core.workflow import Action, Workflow

from .models import (
    FilingStatus,
    NoticeStatus,
    ObjectionStatus,
    PanelStatus,
    ReviewEvent,
    SheetStatus,
)


def _review_record(call_of, subject_of):
    """A timeline writer to the call's ReviewEvent record (one row per step)."""
    def write(obj, name, *, by, before, after, reason, payload, label):
        return ReviewEvent.objects.create(call=call_of(obj), actor=by, action=name,
                                          subject=subject_of(obj)[:200], payload=payload)
    return write


PANEL = Workflow("专家组", PanelStatus, [
    Action("create_panel", "组建专家组", (), PanelStatus.FORMING),
    Action("start_scoring", "开始评分", (PanelStatus.FORMING,), PanelStatus.SCORING),
    Action("close_panel", "结束评分", (PanelStatus.SCORING,), PanelStatus.CLOSED),
    # a package accepted after the panel closed is scored too (review.services.receipt), and
    # the chair reopens a frozen panel with a reason (review.services.scoring.reopen_panel)
    Action("reopen_panel", "重新开放评分", (PanelStatus.CLOSED,), PanelStatus.SCORING),
], timeline=_review_record(lambda p: p.call, lambda p: p.name))

SHEET = Workflow("评分表", SheetStatus, [
    Action("submit_sheet", "提交评分表", (SheetStatus.DRAFT,), SheetStatus.SUBMITTED),
    Action("reopen_sheet", "退回评分表", (SheetStatus.SUBMITTED,), SheetStatus.DRAFT),
], timeline=_review_record(lambda s: s.assignment.panel.call,
                           lambda s: s.assignment.application.reference))

NOTICE = Workflow("公示", NoticeStatus, [
    Action("publish_notice", "发布公示", (), NoticeStatus.PUBLISHED),
    Action("confirm_list", "确认名单", (NoticeStatus.PUBLISHED,), NoticeStatus.CONFIRMED),
    # only while no objection is recorded (review.services.notice.withdraw_notice); the call
    # then publishes a new, corrected 公示 and the withdrawn one stays public, marked
    Action("withdraw_notice", "撤回公示", (NoticeStatus.PUBLISHED,), NoticeStatus.WITHDRAWN),
], timeline=_review_record(lambda n: n.call, lambda n: n.title),
   # a 复议 while published re-issues the text in place (review.services.notice_text.correct)
   notes={"correct_notice": "更正公示"})

OBJECTION = Workflow("异议", ObjectionStatus, [
    Action("record_objection", "登记异议", (), ObjectionStatus.OPEN),
    Action("resolve_objection", "办结异议", (ObjectionStatus.OPEN,), ObjectionStatus.RESOLVED),
], timeline=_review_record(lambda o: o.notice.call, lambda o: f"异议 #{o.pk}"))

FILING = Workflow("备案材料包", FilingStatus, [
    Action("request_filing", "生成备案材料包", (), FilingStatus.BUILDING),
    Action("retry_filing", "重新生成备案材料包", (FilingStatus.FAILED,), FilingStatus.BUILDING),
    Action("file_call", "备案", (FilingStatus.BUILDING,), FilingStatus.DONE),
    Action("filing_failed", "备案材料包生成失败", (FilingStatus.BUILDING,), FilingStatus.FAILED),
], timeline=_review_record(lambda f: f.call, lambda f: f.call.title))
