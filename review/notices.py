"""What units, recommenders, experts and reviewers are told about the review (issue 15 §5),
each with the page to act on. Called by the step's service, in its transaction."""

from django.urls import reverse
from django.utils import timezone

from core.text import sentence
from declare.notices import overview_link, to_parties
from declare.schema import chinese_date
from notify import recipients
from notify.services import send


def _what(app) -> str:
    return f"{app.unit.name}的{app.get_kind_display()}"


def accepted(app) -> None:
    send(recipients.unit_of(app), event="accepted", title=f"{app.reference} 已受理",
         body=f"{_what(app)}已由{app.call.wording.office}受理，进入复审。", link=overview_link(app))


def refused(app, reason: str) -> None:
    send(recipients.unit_of(app), event="refused", title=f"{app.reference} 不予受理",
         body=f"{app.unit.name}：{sentence(reason)}", link=overview_link(app))


def defence_scheduled(app, *, starts_at, ends_at, place: str) -> None:
    to_parties(app, event="defence", title=f"{app.reference} 网络答辩安排",
               body=f"答辩时间：{_when(starts_at)}—{timezone.localtime(ends_at):%H:%M}；方式：{place}。")


def _when(moment) -> str:
    """2026年7月1日 09:00 (the date as the notices write it, the time in Asia/Shanghai)."""
    local = timezone.localtime(moment)
    return f"{chinese_date(local.date())} {local:%H:%M}"


def expert_invited(expert) -> None:
    send([expert.user], event="expert_invited", title=f"{expert.pool.label}评审专家邀请",
         body="您被邀请担任评审专家。请登录系统，在“评审任务”中阅读并确认保密及回避承诺后接受邀请。",
         link=reverse("review:invitation"))


def scoring_started(panel, counts: dict) -> None:
    """Each expert of the panel, with the number of applications assigned to them."""
    for expert, n in counts.items():
        send([expert.user], event="assigned", title=f"{panel.name}开始评分",
             body=f"您有{n}个项目的评审任务，请登录系统在“评审任务”中评分。",
             link=reverse("review:tasks"))


def assigned(assignment) -> None:
    """A hand assignment while scoring is open: that expert has a new task."""
    app, expert = assignment.application, assignment.expert
    send([expert.user], event="assigned", title=f"新的评审任务：{app.reference}",
         body=f"{assignment.panel.name}为您分配了{app.reference}（{app.get_kind_display()}）"
              "的评审任务，请在“评审任务”中评分。",
         link=reverse("review:sheet", args=[assignment.pk]))


def sheet_reopened(sheet, reason: str) -> None:
    expert = sheet.assignment.expert
    send([expert.user], event="sheet_reopened",
         title=f"评分表已退回：{sheet.assignment.application.reference}",
         body=f"专家组组长退回了您的评分表，理由：{sentence(reason)}请修改后重新提交。",
         link=reverse("review:sheet", args=[sheet.assignment_id]))


def panel_closed(panel) -> None:
    """The reviewers decide once the panel has closed."""
    send(recipients.reviewers_of(panel.call), event="panel_closed",
         title=f"{panel.name}已结束评分",
         body=f"{panel.name}的评分已结束，评审结果已生成，请查看结果并作出复审决定。",
         link=reverse("review:results", args=[panel.pk]))


def late_admitted(panel, references: list[str]) -> None:
    """A package accepted after scoring began: the chair and the reviewers assign and score it."""
    chair = [panel.chair.user] if panel.chair_id and panel.chair.user_id else []
    send(chair + recipients.reviewers_of(panel.call), event="late_admitted",
         title=f"{panel.name}受理了逾期报送的项目",
         body=f"{'、'.join(references)}已受理并进入{panel.name}，请分配评审专家并评分后再结束评分。",
         link=reverse("review:panel", args=[panel.pk]))


def panel_reopened(panel, reason: str) -> None:
    """A closed panel is scoring again (the chair's reopen or a late package): every expert
    of the panel, with the reason, since their sheets may be returned or new ones assigned."""
    users = [m.expert.user for m in panel.members.select_related("expert__user")
             if m.expert.user_id]
    send(users, event="panel_reopened", title=f"{panel.name}重新开放评分",
         body=f"{panel.name}已重新开放评分，理由：{sentence(reason)}"
              "请登录系统在“评审任务”中查看，如有新的评审任务请按时评分。",
         link=reverse("review:tasks"))


def released(app, chosen: bool, *, starts_on, ends_on) -> None:
    """The final outcome, told once when the decision is released with the 公示."""
    to_parties(app, event="decision", title=f"{app.reference} 复审结果",
               body=(f"{_what(app)}拟推荐备案，现予以公示，公示期："
                     f"{chinese_date(starts_on)}至{chinese_date(ends_on)}。" if chosen
                     else f"{_what(app)}复审未入选。"))


def reconsidered(app, chosen: bool, reason: str) -> None:
    """A 复议 changed this application's outcome (only the affected ones are told)."""
    to_parties(app, event="decision", title=f"{app.reference} 复审结果（复议）",
               body=(f"经复议，{_what(app)}改为拟推荐备案" if chosen
                     else f"经复议，{_what(app)}改为复审未入选") + f"。复议理由：{reason.rstrip('。')}。")


def objection_recorded(objection) -> None:
    app = objection.application
    to_parties(app, event="objection", title=f"{app.reference} 收到公示异议",
               body=f"{app.call.wording.office}于{chinese_date(objection.received_on)}登记了对{_what(app)}的公示异议，"
                    "正在核查，如需说明情况将另行联系。")


def revoked(app) -> None:
    to_parties(app, event="revoked", title=f"{app.reference} 撤销拟推荐",
               body=f"经核查公示期异议成立，{app.unit.name}不再列入推荐名单。")


def list_confirmed(app) -> None:
    to_parties(app, event="confirmed", title=f"{app.reference} 公示期满",
               body="公示期满无异议（或异议已处理），已确定为推荐备案项目。")


def filed(app) -> None:
    to_parties(app, event="filed", title=f"{app.reference} 已报部备案",
               body="项目已列入推荐名单并报人力资源社会保障部、财政部备案。")
