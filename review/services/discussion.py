"""专家组讨论 and 专家组意见: the thread on each project, and the chair's per-project opinion
drafted from the experts' 评审意见 (what 表5 专家评审意见 prints: review.opinions)."""

from django.db import transaction

from core.errors import DomainError

from ..models import DiscussionPost, PanelOpinion, PanelStatus, ScoreSheet, SheetStatus
from ..rules import can_review, is_chair
from .audit import log

POST_LIMIT = 2000
OPINION_LIMIT = 1000  # 表5 has one box; a page of text at most


def _text(text, noun: str, limit: int) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(f"请填写{noun}。", field="body")
    if len(text) > limit:
        raise DomainError(f"{noun}不能超过{limit}字（当前 {len(text)} 字）。", field="body")
    return text


def _open(panel):
    if panel.status not in (PanelStatus.SCORING, PanelStatus.CLOSED):
        raise DomainError(f"专家组当前状态为“{panel.get_status_display()}”，不能讨论。")


def author_label(user, panel) -> str:
    name = user.get_full_name() or user.username
    if is_chair(user, panel):
        return f"{name}（组长）"
    if can_review(user, panel.call):
        return f"{name}（审核人员）"
    return f"{name}（评审专家）"


@transaction.atomic
def post_message(panel, application, *, by, body: str) -> DiscussionPost:
    """One message of the project's thread; the caller got (panel, application) from
    selectors.discussion_for, which decides who may read and write it."""
    _open(panel)
    body = _text(body, "讨论内容", POST_LIMIT)
    post = DiscussionPost.objects.create(panel=panel, application=application, author=by,
                                         author_label=author_label(by, panel), body=body)
    log(panel.call, by=by, action="discussion_post", subject=application.reference,
        payload={"post": post.pk, "panel": panel.pk, "length": len(body)})
    return post


def submitted_comments(panel, application) -> list[tuple[str, str]]:
    """(expert name, 评审意见) of each submitted sheet on the project, by expert name."""
    return list(ScoreSheet.objects.filter(
        assignment__panel=panel, assignment__application=application,
        status=SheetStatus.SUBMITTED).exclude(comment="")
        .order_by("assignment__expert__name", "assignment__expert_id")
        .values_list("assignment__expert__name", "comment"))


def draft_opinion(panel, application) -> str:
    """The prefill of the 专家组意见: the experts' 评审意见, numbered, without names."""
    comments = [c for _name, c in submitted_comments(panel, application)]
    if not comments:
        return ""
    lines = "\n".join(f"{i}. {c}" for i, c in enumerate(comments, start=1))
    return f"经专家组评审（{len(comments)}位专家），意见如下：\n{lines}"


@transaction.atomic
def save_opinion(panel, application, *, by, text: str) -> PanelOpinion:
    """The chair (or a reviewer) writes the project's 专家组意见, once scoring has started."""
    if not (is_chair(by, panel) or can_review(by, panel.call)):
        raise DomainError("只有专家组组长或审核人员可以填写专家组意见。")
    _open(panel)
    text = _text(text, "专家组意见", OPINION_LIMIT)
    opinion = PanelOpinion.objects.select_for_update().filter(application=application).first()
    before = opinion.text if opinion else ""
    opinion = opinion or PanelOpinion(panel=panel, application=application)
    opinion.panel, opinion.text, opinion.written_by = panel, text, by
    opinion._change_reason = "专家组意见"
    opinion.save()
    log(panel.call, by=by, action="panel_opinion", subject=application.reference,
        payload={"panel": panel.pk, "changed": before != text, "length": len(text)})
    return opinion
