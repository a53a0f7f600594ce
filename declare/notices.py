"""What the unit and its recommender are told about an application's own steps (issue 15 §5),
each with the page to act on. Called by the step's service, after the move, in its
transaction."""

from django.urls import reverse

from notify import recipients
from notify.services import send


def overview_link(application) -> str:
    return reverse("declare:overview", args=[application.pk])


def inbox_link(application) -> str:
    """The recommender's page of this application."""
    return reverse("quotas:application", args=[application.unit.parent_id, application.call_id,
                                               application.pk])


def what(application) -> str:
    """How every message names an application: unit, kind and reference."""
    return f"{application.unit.name}的{application.get_kind_display()}申报（{application.reference}）"


def submitted(application) -> None:
    send(recipients.recommender_of(application), event="submitted",
         title=f"{application.reference} 待初评",
         body=f"{what(application)}已提交，请审核并作出推荐、不予推荐或退回修改的意见。",
         link=inbox_link(application))


def withdrawn(application, reason: str) -> None:
    send(recipients.recommender_of(application), event="withdrawn",
         title=f"{application.reference} 已撤回",
         body=f"{what(application)}已由申报单位撤回，撤回原因：{reason}",
         link=inbox_link(application))


def returned(application, comments: str, sections: list[str]) -> None:
    """退回修改: the unit must revise; the reason and the sections concerned, in full."""
    lines = [f"{what(application)}被推荐单位退回修改。", f"退回意见：{comments}"]
    if sections:
        lines.append(f"需修改的栏目：{'、'.join(sections)}")
    lines.append("请按意见修改后重新提交。")
    send(recipients.unit_of(application), event="returned",
         title=f"{application.reference} 退回修改", body="\n".join(lines),
         link=overview_link(application))


def to_parties(application, *, title: str, body: str, event: str) -> None:
    """The unit (to its overview) and its recommender (to its page of the application): both
    follow the region's steps on an application."""
    send(recipients.unit_of(application), title=title, body=body, event=event,
         link=overview_link(application))
    send(recipients.recommender_of(application), title=title, body=body, event=event,
         link=inbox_link(application))
