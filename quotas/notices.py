"""What units, recommenders and the region are told about the 初评 and the package (issue 15
§5), each with the page to act on. Called by the step's service, in its transaction."""

from django.urls import reverse
from django.utils import timezone

from declare.notices import overview_link, what
from notify import recipients
from notify.services import send


def package_link(call, recommender) -> str:
    return reverse("quotas:package", args=[recommender.pk, call.pk])


def _time(value) -> str:
    t = timezone.localtime(value)
    return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M}"


def recommended(application, rank: int) -> None:
    send(recipients.unit_of(application), event="recommended",
         title=f"{application.reference} 已推荐",
         body=f"{what(application)}已被推荐单位推荐（推荐顺序第{rank}位），"
              f"将随推荐材料{application.call.wording.submit_to}。",
         link=overview_link(application))


def declined(application, reason: str) -> None:
    send(recipients.unit_of(application), event="not_recommended",
         title=f"{application.reference} 不予推荐",
         body=f"{what(application)}经推荐单位初评不予推荐。理由：{reason}",
         link=overview_link(application))


def decision_undone(application) -> None:
    send(recipients.unit_of(application), event="decision_undone",
         title=f"{application.reference} 初评结论已撤销",
         body=f"推荐单位撤销了对{what(application)}的初评结论，将重新审核。",
         link=overview_link(application))


def package_submitted(package) -> None:
    """The region must receive (受理) the package."""
    send(recipients.reviewers_of(package.call), event="package_submitted",
         title=f"{package.recommender.label}已报送推荐材料",
         body=f"{package.recommender.name}已报送{package.call.title}的推荐材料，请及时受理。",
         link=reverse("review:receipt", args=[package.call_id]))


def package_received(call, recommender, *, accepted: int, refused: int) -> None:
    body = f"{call.wording.office}已受理{recommender.name}报送的推荐材料：受理{accepted}个项目"
    body += f"，超出推荐名额不予受理{refused}个。" if refused else "。"
    send(recipients.recommender_users(recommender), event="package_received",
         title=f"推荐材料已受理（{call.title}）", body=body, link=package_link(call, recommender))


def package_sent_back(call, recommender, reason: str) -> None:
    send(recipients.recommender_users(recommender), event="package_returned",
         title=f"推荐材料被退回（{call.title}）",
         body=f"{call.wording.office}退回了{recommender.name}报送的推荐材料，退回理由：{reason}\n请修改后重新报送。",
         link=package_link(call, recommender))


def extension_granted(package, reason: str) -> None:
    send(recipients.recommender_users(package.recommender), event="package_extension",
         title=f"报送截止时间已延长（{package.call.title}）",
         body=f"{package.call.wording.office}同意将{package.recommender.name}的推荐材料报送截止时间延长至"
              f"{_time(package.deadline)}。理由：{reason}",
         link=package_link(package.call, package.recommender))


def deadline_near(package, days: int) -> None:
    """7 days and 1 day before the deadline of a package not yet sent (quotas.tasks)."""
    deadline = package.deadline
    send(recipients.recommender_users(package.recommender), event="package_deadline",
         key=f"package-deadline:{package.pk}:{deadline:%Y%m%d%H%M}:{days}",
         title=f"推荐材料报送截止还有{days}天（{package.call.title}）",
         body=f"{package.recommender.name}的推荐材料尚未{package.call.wording.submit_to}，报送截止时间为"
              f"{_time(deadline)}，请在截止前完成初评、推荐报告和报送。",
         link=package_link(package.call, package.recommender))
