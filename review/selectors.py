"""Permission-scoped reads of the review: every view gets its objects from here (404 if not)."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from calls.models import Call
from declare.models import Application
from orgs.models import Organisation
from orgs.policy import overseen_issuer_ids, oversees_call

from .conflicts import conflict_map
from .models import (
    Assignment,
    Expert,
    NoticeStatus,
    Panel,
    PanelStatus,
    PublicNotice,
    ScoreSheet,
)
from .rules import can_discuss, can_review, can_run_panel


def calls_reviewable_by(user) -> QuerySet[Call]:
    """The calls issued by the organisations whose reviewer or administrator `user` is."""
    return (Call.objects.select_related("issuer").order_by("-year", "title")
            .filter(issuer__in=overseen_issuer_ids(user)))


def call_for_reviewer(user, pk) -> Call:
    """The call `pk` if `user` oversees it (orgs.policy.oversees_call: a reviewer or
    administrator of its issuer), else 404 as if missing. Read by primary key and the policy
    asked of the row: the same rule as calls_reviewable_by's filter, without compiling an IN
    list and an ordering for one row on every page of a call (issue 20)."""
    call = get_object_or_404(Call.objects.select_related("issuer"), pk=pk)
    if not oversees_call(user, call):
        raise Http404
    return call


def experts_for_reviewer(user) -> QuerySet[Expert]:
    """The experts of the pools of the organisations `user` oversees (orgs.policy)."""
    return (Expert.objects.filter(pool__in=overseen_issuer_ids(user))
            .select_related("organisation", "user", "pool").prefetch_related("occupations"))


def pools_of(user) -> QuerySet[Organisation]:
    """The 专家库 (issuing organisations) `user` keeps."""
    return Organisation.objects.filter(pk__in=overseen_issuer_ids(user)).order_by("pk")


def experts_for_call(call) -> QuerySet[Expert]:
    """The active experts a panel of `call` may draw from: its issuer's pool only, and only
    those who accepted the invitation (保密及回避承诺)."""
    return (Expert.objects.filter(pool=call.issuer_id, is_active=True,
                                  accepted_at__isnull=False)
            .select_related("organisation"))


def access_expert(user, pk) -> Expert:
    return get_object_or_404(experts_for_reviewer(user), pk=pk)


def admitted_applications(call, kind=None) -> QuerySet[Application]:
    """Applications taken into the review at receipt, in reference order."""
    qs = Application.objects.filter(call=call, admission__isnull=False)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.select_related("unit", "unit__parent").order_by("reference")


def panel_for_reviewer(user, pk) -> Panel:
    panel = get_object_or_404(Panel.objects.select_related("call", "call__issuer", "chair",
                                                           "rubric"), pk=pk)
    if not can_review(user, panel.call):
        raise Http404
    return panel


def panel_for_runner(user, pk) -> Panel:
    """The panel for its chair or a reviewer (consistency, reopen, close)."""
    panel = get_object_or_404(Panel.objects.select_related("call", "call__issuer", "chair",
                                                           "rubric"), pk=pk)
    if not can_run_panel(user, panel):
        raise Http404
    return panel


def panels_chaired_by(user) -> QuerySet[Panel]:
    return Panel.objects.filter(chair__user=user).select_related("call")


def assignments_of_expert(user) -> QuerySet[Assignment]:
    """What this expert has to score: only assigned applications of panels past forming, and
    nothing before the expert accepted the invitation."""
    if not user.is_authenticated:
        return Assignment.objects.none()
    return (Assignment.objects
            .filter(expert__user=user, expert__accepted_at__isnull=False,
                    panel__status__in=[PanelStatus.SCORING, PanelStatus.CLOSED])
            .select_related("application", "application__unit", "application__call", "panel",
                            "panel__rubric", "sheet")
            .order_by("panel_id", "application__reference"))


def access_assignment(user, pk) -> Assignment:
    return get_object_or_404(assignments_of_expert(user), pk=pk)


def sheet_for_runner(user, pk) -> ScoreSheet:
    sheet = get_object_or_404(ScoreSheet.objects.select_related(
        "assignment__panel__call__issuer", "assignment__panel__chair", "assignment__expert",
        "assignment__application"), pk=pk)
    if not can_run_panel(user, sheet.assignment.panel):
        raise Http404
    return sheet



def discussion_for(user, panel_pk, application_pk):
    """(panel, application) of a 专家组讨论 `user` may read, else 404 (rules.can_discuss)."""
    panel = get_object_or_404(Panel.objects.select_related("call", "call__issuer", "chair",
                                                           "rubric"),
                              pk=panel_pk, status__in=[PanelStatus.SCORING, PanelStatus.CLOSED])
    apps = list(admitted_applications(panel.call, panel.kind))
    app = next((a for a in apps if a.pk == application_pk), None)
    if app is None:
        raise Http404
    assigned = Assignment.objects.filter(panel=panel, application=app, expert__user=user,
                                         expert__accepted_at__isnull=False).exists()
    conflicted = bool(panel.chair_id and panel.chair.user_id == user.id
                      and (app.id, panel.chair_id) in conflict_map([panel.chair], apps))
    if not can_discuss(user, panel, app, assigned=assigned, conflicted=conflicted):
        raise Http404
    return panel, app


def current_notice(call) -> PublicNotice | None:
    """The call's 公示 that is not withdrawn (at most one, a database constraint); the one
    every step after publishing (objections, 复议, confirmation, 备案) works on."""
    return PublicNotice.objects.filter(call=call).exclude(status=NoticeStatus.WITHDRAWN).first()
