"""Applicant pages: list, create, 申报基本信息, overview, and one page per form section.

Every view fetches the application through a selector scoped to request.user (404 when it is
not theirs) and writes through one service call.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from audit.models import AuditAction
from audit.services import record as audit
from core.errors import DomainError
from core.links import row_url
from core.views import attempt, attempt_in_form
from orgs.roles import Role
from orgs.security import is_background_save
from orgs.selectors import holds_any, organisations_for

from .forms import ApplicationForm, BasicsForm, SectionForm
from .patch import RefusedPatch, answer_errors
from .schema import SectionSpec
from .selectors import access_application, applications_of_my_units, with_specialities
from .services.applications import create_application, update_basics
from .services.carry import open_flags
from .services.sections import (
    StaleSection,
    autosave_section,
    completeness,
    decrypt_section,
    heading_for,
    pending_inputs,
    save_section,
    section_marks,
    sections_for_page,
    specs_for,
)
from .services.workflow import revision_comments
from .unitfacts import lock_registered, prefill, unit_facts, with_unit_facts


@login_required
def application_list(request):
    apps = (applications_of_my_units(request.user).order_by("-created_at")
            .prefetch_related("specialities__occupation"))
    can_create = holds_any(request.user, Role.APPLICANT)
    return render(request, "declare/list.html", {"applications": apps, "can_create": can_create})


def _basics_args(form) -> dict:
    d = form.cleaned_data
    return {"kind": d["kind"], "category": d["category"], "tier": d.get("tier") or "",
            "occupations": form.occupations()}


@login_required
@require_http_methods(["GET", "POST"])
def application_create(request):
    units = organisations_for(request.user, Role.APPLICANT)
    if not units.exists():
        raise Http404("您不是项目申报单位用户。")
    form = ApplicationForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        app = attempt_in_form(form, lambda: create_application(
            unit=form.cleaned_data["unit"], call=form.cleaned_data["call"], by=request.user,
            **_basics_args(form)))
        if app is not None:
            messages.success(request, f"已创建申报 {app.reference}，请逐项填写申报表。")
            return redirect("declare:overview", pk=app.pk)
    return render(request, "declare/create.html", {"form": form})


def _basics_initial(app) -> dict:
    initial = {"kind": app.kind, "category": app.category, "tier": app.tier}
    for s in app.specialities.all():
        initial[f"occupation_{s.position}"] = s.occupation.code
        initial[f"work_type_{s.position}"] = s.work_type
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def application_basics(request, pk):
    app = access_application(request.user, pk, for_write=True)
    form = BasicsForm(request.POST or None, initial=_basics_initial(app))
    if request.method == "POST" and form.is_valid():
        saved = attempt(request, lambda: update_basics(application=app, by=request.user,
                                                      **_basics_args(form)),
                        "申报基本信息已保存。", form=form)
        if saved or not form.errors:   # a refusal at a field shows the form again
            return redirect("declare:overview", pk=app.pk)
    if not app.is_editable:
        for f in form.fields.values():
            f.disabled = True
    return render(request, "declare/basics.html", {"application": app, "form": form})


@login_required
def application_overview(request, pk):
    app = access_application(request.user, pk, for_write=True)
    prefetch_related_objects([app], "specialities__occupation", "sections")
    rows = completeness(app)
    done = sum(1 for r in rows if r["complete"])
    percent = round(done * 100 / len(rows)) if rows else 0
    return render(request, "declare/overview.html", {
        "application": app, "rows": rows, "done": done, "total": len(rows),
        "percent": percent, "bar": percent // 5 * 5,
    })


def _neighbours(specs: list[SectionSpec], key: str):
    keys = [s.key for s in specs]
    i = keys.index(key)
    return (keys[i - 1] if i > 0 else None), (keys[i + 1] if i + 1 < len(keys) else None)


def _saved_json(section, errors: dict) -> JsonResponse:
    return JsonResponse({"ok": True, "version": section.version, "complete": section.complete,
                         "saved_at": f"{timezone.localtime(section.updated_at):%H:%M:%S}",
                         "errors": errors})


def _log_pii_view(request, spec, section, values, pending):
    shown = [f.key for f in spec.fields() if f.pii and (values.get(f.key) or f.key in pending)]
    if shown:
        audit(AuditAction.VIEW_PII, request=request, obj=section, fields=shown)


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, pk, key):
    if request.method == "POST" and is_patch(request):
        return _autosave_patch(request, pk, key)
    app = access_application(request.user, pk, for_write=True)
    with_specialities(app)   # not the other sections
    specs = specs_for(app)
    spec = next((s for s in specs if s.key == key), None)
    if spec is None:
        raise Http404("申报表中没有该栏目。")
    stored = sections_for_page(app, key)   # the others' flags, not their JSON
    section = stored.get(key)
    facts = unit_facts(app.unit)
    values = with_unit_facts(spec, decrypt_section(spec, section.data) if section
                             else prefill(app, key=key).get(key, {}), facts)
    conflict = None
    if request.method == "GET":
        pending = pending_inputs(spec, section)
        form = SectionForm(spec, values=values, version=section.version if section else 0,
                           readonly=not app.is_editable, pending=pending, level=app.call.level)
        if section:
            _log_pii_view(request, spec, section, values, pending)
    else:
        form = SectionForm(spec, data=request.POST, values=values, level=app.call.level)
        answer = _post_section(request, app, spec, specs, form)
        if not isinstance(answer, StaleSection):
            return answer
        conflict = _conflict_rows(spec, answer)
        data = request.POST.copy()
        data["base_version"] = str(answer.current.version)
        form = SectionForm(spec, data=data, values=values, level=app.call.level)
    lock_registered(form, spec, facts)
    prev, nxt = _neighbours(specs, spec.key)
    link = row_url("declare:section", app.pk)   # one reverse() for the whole sidebar
    comments = revision_comments(app)   # the latest return, read once
    versions = {k: s.version for k, s in stored.items()}
    return render(request, "declare/section.html", {
        "application": app, "spec": spec, "heading": heading_for(spec, app), "form": form,
        "blocks": form.layout(), "section": section, "conflict": conflict,
        "prev": prev, "next": nxt, "prev_url": prev and link(prev), "next_url": nxt and link(nxt),
        "nav": [{**r, "url": link(r["key"])} for r in section_marks(app, stored)],
        "flagged": list(comments), "revision_comments": comments.get(key, []),
        "carry_flagged": open_flags(app, versions=versions).get(key, {}),
    })


def _conflict_rows(spec, exc: StaleSection) -> list[dict]:
    items = {i.key: i for i in spec.items}
    return [{"change": c, "theirs": items[c.key].display(c.theirs, mask=False) or "（空）"}
            for c in exc.details]


def _post_section(request, app, spec, specs, form):
    """Store what was posted — valid values and the raw text of invalid ones alike (a draft
    keeps every word, issue 15 §2); answer JSON to autosave, else message and redirect. A stale
    base version answers the StaleSection, for the page to show the conflict."""
    autosave = is_background_save(request)
    form.is_valid()
    data, pending = form.draft()
    try:
        saved = save_section(application=app, key=spec.key, data=data, pending=pending,
                             base_version=form.cleaned_data.get("base_version") or 0,
                             by=request.user, autosave=autosave)
    except StaleSection as exc:
        if autosave:
            return JsonResponse({"ok": False, "conflict": True, "message": str(exc)}, status=409)
        messages.error(request, str(exc))
        return exc
    except DomainError as exc:
        if autosave:
            return JsonResponse({"ok": False, "message": str(exc)}, status=409)
        messages.error(request, str(exc))
        return redirect("declare:overview", pk=app.pk)
    if autosave:
        return _saved_json(saved, form.invalid_inputs())
    if pending:
        messages.warning(request, f"已保存草稿，有 {len(pending)} 处需修改，请按提示修改。")
        return redirect("declare:section", pk=app.pk, key=spec.key)
    messages.success(request, f"{heading_for(spec, app)} 已保存。")
    _prev, nxt = _neighbours(specs, spec.key)
    target = nxt if "_next" in request.POST and nxt else spec.key
    return redirect("declare:section", pk=app.pk, key=target)


def is_patch(request) -> bool:
    return is_background_save(request) and request.content_type == "application/json"


def _autosave_patch(request, pk, key):
    """The autosave's small write (declare.patch): the changed items of one section, stored
    by the save service under the optimistic lock (access checked by the service's locking
    read); a tiny JSON answer, no page, nothing else read (no other section, no overview)."""
    try:
        saved, patch = autosave_section(user=request.user, pk=pk, key=key, body=request.body)
    except StaleSection as exc:
        return JsonResponse({"ok": False, "conflict": True, "message": str(exc)}, status=409)
    except RefusedPatch as exc:
        return JsonResponse({"ok": False, "message": str(exc), "errors": exc.errors}, status=400)
    except DomainError as exc:
        return JsonResponse({"ok": False, "message": str(exc)}, status=409)
    return _saved_json(saved, answer_errors(saved.pending, patch))
