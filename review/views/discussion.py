"""专家组讨论 per project (the panel's experts assigned to it, the chair, the reviewers) and
the chair's 专家组意见 for 表5 (review.selectors.discussion_for decides who may open it)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.views import attempt

from ..forms import DiscussionForm, OpinionForm
from ..models import DiscussionPost, PanelOpinion
from ..results import live_projects
from ..rules import can_review, is_chair
from ..selectors import discussion_for
from ..services.discussion import draft_opinion, post_message, save_opinion


def _runs(user, panel) -> bool:
    return is_chair(user, panel) or can_review(user, panel.call)


@login_required
def project(request, pk, app_pk):
    panel, app = discussion_for(request.user, pk, app_pk)
    runs = _runs(request.user, panel)
    opinion = PanelOpinion.objects.filter(application=app).first()
    row = next((p for p in live_projects(panel) if p["app"].id == app.id), None) if runs else None
    return render(request, "review/discussion.html", {
        "panel": panel, "call": panel.call, "app": app, "runs": runs, "row": row,
        "posts": DiscussionPost.objects.filter(panel=panel, application=app),
        "form": DiscussionForm(), "opinion": opinion,
        "opinion_form": OpinionForm(initial={
            "text": opinion.text if opinion else draft_opinion(panel, app)}) if runs else None,
    })


@require_POST
@login_required
def project_post(request, pk, app_pk):
    panel, app = discussion_for(request.user, pk, app_pk)
    body = request.POST.get("body", "")
    attempt(request, lambda: post_message(panel, app, by=request.user, body=body), "发言已发布。")
    return redirect("review:discussion", pk=panel.pk, app_pk=app.pk)


@require_POST
@login_required
def project_opinion(request, pk, app_pk):
    panel, app = discussion_for(request.user, pk, app_pk)
    if not _runs(request.user, panel):
        raise Http404   # the experts read the thread; only the chair writes the opinion
    text = request.POST.get("text", "")
    attempt(request, lambda: save_opinion(panel, app, by=request.user, text=text),
            "专家组意见已保存，将作为该项目表5的专家评审意见。")
    return redirect("review:discussion", pk=panel.pk, app_pk=app.pk)
