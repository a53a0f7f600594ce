"""The recommender's 初评: inbox, one application, and the decisions on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.backends.utils import csrf_input
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.links import row_url
from core.views import attempt, show_error
from declare.eligibility.conditions import major_labels
from declare.reading import render_sections
from declare.services.workflow import resubmission

from . import rules, selectors, services
from .forms import InboxFilter, ReasonForm, ReturnForm, StatementForm
from .inbox import inbox_page, inbox_row

PAGE_SIZE = 20


def package_context(package, tab: str) -> dict:
    """What the header of every package page shows: quota use, deadline, status, tabs."""
    usage = selectors.quota_usage(package)
    return {"package": package, "call": package.call, "recommender": package.recommender,
            "usage": usage, "tab": tab, "args": (package.recommender_id, package.call_id),
            # the recommender may still change it (not submitted, deadline not passed): the
            # pages show inputs only then, read-only pages otherwise
            "writable": package.is_writable(),
            # kinds whose quota is used up: the 推荐 button is shown disabled, with the reason
            "full_kinds": {u["kind"] for u in usage if u["used"] >= u["amount"]}}


@login_required
def index(request):
    packages = selectors.packages_of(request.user)
    if not packages:
        raise Http404
    if len(packages) == 1:
        return redirect("quotas:inbox", packages[0].recommender_id, packages[0].call_id)
    return render(request, "quotas/index.html", {"packages": packages})


@login_required
def inbox(request, rec, call):
    package = selectors.access_package(request.user, rec, call)
    flt = InboxFilter(request.GET or None, queryset=selectors.inbox_rows(package))
    page = inbox_page(flt.qs, request.GET.get("page"), PAGE_SIZE)
    header = package_context(package, "inbox")
    # One reverse for the page, not three per row: the row links differ only by the id; the
    # 大类 names of the category rule once for the page, not a cache read per row; one csrf
    # token field for every row's 推荐 form.
    link = row_url("quotas:application", rec, call)
    majors, csrf = major_labels(), csrf_input(request)
    rows = [inbox_row(a, package, link(a.pk), majors, header["full_kinds"], csrf)
            for a in selectors.attach_row_facts(list(page.object_list))]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "quotas/inbox.html", {
        **header, "filter_fields": _filter_fields(flt), "page": page, "rows": rows,
        "query": query.urlencode()})


_blank_filter_fields: dict[type, str] = {}


def _filter_fields(flt) -> str:
    """The filter's inputs. Unfilled (most visits) they are the same HTML every time, rendered
    once per process: a form's widgets cost more to render than the whole table."""
    if flt.is_bound:
        return render_to_string("quotas/_inbox_filter.html", {"form": flt.form})
    html = _blank_filter_fields.get(type(flt))
    if html is None:
        html = _blank_filter_fields[type(flt)] = render_to_string(
            "quotas/_inbox_filter.html", {"form": flt.form})
    return html


def _declare_link(application) -> str:
    """The submitted version under review (read-only, with its materials). declare:overview is
    the applicant's own page and is a 404 for the recommender."""
    try:
        if application.submitted_version:
            return reverse("declare:version", args=[application.pk, application.submitted_version])
        return reverse("declare:precheck", args=[application.pk])
    except NoReverseMatch:
        return ""


def _compare_link(application) -> str:
    """A resubmitted application: its latest version against the one before (与上次提交比较)."""
    v = application.submitted_version
    return reverse("declare:version_compare", args=[application.pk, v - 1, v]) if v > 1 else ""


def _section_choices(sections):
    return [(s["key"], s["heading"]) for s in sections]


@login_required
def application_detail(request, rec, call, pk, reason_form=None, return_form=None,
                       statement_form=None):
    package = selectors.access_package(request.user, rec, call)
    app = selectors.inbox_application(package, pk)
    sections = render_sections(app, viewer=request.user)
    needed = services.statement_needed(app)
    return render(request, "quotas/application.html", {
        "statement_form": (statement_form or StatementForm(initial={
            "text": (app.explanations or {}).get("studio.leader_level", "")}))
        if needed and package.is_writable() else None,
        **package_context(package, "inbox"), "app": app, "findings": rules.findings(app),
        "missing": rules.missing_sections(app), "blocks": sections,
        "actions": rules.allowed_actions(app, package),
        "events": app.events.select_related("actor").order_by("-created_at", "-id"),
        "declare_link": _declare_link(app), "compare_link": _compare_link(app),
        "revision": resubmission(app, app.submitted_version) if app.submitted_version > 1
        else None,
        "reason_form": reason_form or ReasonForm(),
        "return_form": return_form or ReturnForm(section_choices=_section_choices(sections)),
    })


def _back(package, app_pk=None):
    if app_pk:
        return redirect("quotas:application", package.recommender_id, package.call_id, app_pk)
    return redirect("quotas:inbox", package.recommender_id, package.call_id)


@login_required
@require_POST
def recommend_view(request, rec, call, pk):
    package = selectors.access_package(request.user, rec, call)
    app = selectors.inbox_application(package, pk)
    try:
        r = services.recommend(app, by=request.user)
    except DomainError as exc:
        show_error(request, exc)
    else:
        messages.success(request, f"已推荐 {app.unit.label}（{app.reference}），推荐顺序第 {r.rank} 位。")
    return _back(package, pk if request.POST.get("from") == "detail" else None)


@login_required
@require_POST
def decline_view(request, rec, call, pk):
    package = selectors.access_package(request.user, rec, call)
    app = selectors.inbox_application(package, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return application_detail(request, rec, call, pk, reason_form=form)
    try:
        services.decline(app, by=request.user, reason=form.cleaned_data["reason"])
    except DomainError as exc:
        show_error(request, exc)
    else:
        messages.success(request, f"已将 {app.unit.label}（{app.reference}）列为不予推荐。")
    return _back(package, pk)


@login_required
@require_POST
def return_view(request, rec, call, pk):
    package = selectors.access_package(request.user, rec, call)
    app = selectors.inbox_application(package, pk)
    form = ReturnForm(request.POST, section_choices=_section_choices(
        render_sections(app, viewer=request.user)))
    if not form.is_valid():
        return application_detail(request, rec, call, pk, return_form=form)
    try:
        services.return_application(app, by=request.user, comments=form.cleaned_data["comments"],
                                    sections=form.cleaned_data["sections"])
    except DomainError as exc:
        show_error(request, exc)
    else:
        messages.success(request, f"已将 {app.unit.label}（{app.reference}）退回修改。")
    return _back(package, pk)


@login_required
@require_POST
def undo_view(request, rec, call, pk):
    package = selectors.access_package(request.user, rec, call)
    app = selectors.inbox_application(package, pk)
    try:
        services.undo_decision(app, by=request.user)
    except DomainError as exc:
        show_error(request, exc)
    else:
        messages.success(request, f"已撤销对 {app.unit.label}（{app.reference}）的初评结论。")
    return _back(package, pk)


@login_required
@require_POST
def statement_view(request, rec, call, pk):
    """推荐单位对领办人业绩贡献的说明 (105号 二(二))."""
    package = selectors.access_package(request.user, rec, call)
    app = selectors.inbox_application(package, pk)
    form = StatementForm(request.POST)
    if form.is_valid() and attempt(request, lambda: services.save_leader_statement(
            app, by=request.user, text=form.cleaned_data["text"]), "说明已保存。", form=form):
        return _back(package, pk)
    return application_detail(request, rec, call, pk, statement_form=form)
