"""申报材料 page: the checklist with uploads, ordering, removal and private downloads."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from audit.models import AuditAction
from core.errors import DomainError
from uploads import private_file_response

from . import rules
from .selectors import access_application
from .services.materials import (
    add_materials,
    checklist_status,
    move_material,
    remove_material,
    reorder_materials,
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """A selection of files; each is checked by the service (a refused one keeps none of the
    others out), so only "nothing selected" is this field's to refuse."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            raise ValidationError(self.error_messages["required"], code="required")
        return files


class UploadForm(forms.Form):
    item = forms.CharField(widget=forms.HiddenInput)
    file = FilesField(label="选择文件", error_messages={"required": "请选择要上传的文件。"})


def _page(request, app, form=None, status=200):
    rows = checklist_status(app)
    for row in rows:
        row["form"] = form if form is not None and form.data.get("item") == row["item"].key \
            else UploadForm(initial={"item": row["item"].key})
    return render(request, "declare/materials_list.html", {
        "application": app, "rows": rows, "can_edit": rules.can_edit(request.user, app)},
        status=status)


def _wants_json(request) -> bool:
    """static/js/materials.js sends each file of a selection on its own (per-file progress)."""
    return "application/json" in request.headers.get("Accept", "")


@login_required
def materials(request, pk):
    """Upload several files at once for one checklist item; without JavaScript the form posts
    them all and the page lists each refused file with its reason."""
    app = access_application(request.user, pk)
    if request.method != "POST":
        return _page(request, app)
    app = access_application(request.user, pk, for_write=True)
    form = UploadForm(request.POST, {"file": request.FILES.getlist("file")})
    if not form.is_valid():
        if _wants_json(request):
            return JsonResponse({"files": [{"name": "", "ok": False, "message": "；".join(
                e for errors in form.errors.values() for e in errors)}]}, status=400)
        return _page(request, app, form, status=400)
    outcomes = add_materials(app, item=form.cleaned_data["item"],
                             files=form.cleaned_data["file"], by=request.user)
    if _wants_json(request):
        return _json_outcome(outcomes)
    return _form_outcome(request, app, form, outcomes)


def _form_outcome(request, app, form, outcomes):
    accepted = [o.name for o in outcomes if o.material]
    if accepted:
        messages.success(request, f"已上传：{'、'.join(accepted)}")
    refused = [f"{o.name}：{o.refusal}" for o in outcomes if not o.material]
    if refused and rules.can_edit(request.user, app):  # shown at the item's upload field
        for reason in refused:
            form.add_error("file", reason)
        return _page(request, app, form, status=400)
    for reason in refused:  # the page has no upload form any more (submitted meanwhile)
        messages.error(request, reason)
    return redirect(reverse("declare:materials", args=[app.pk]) +
                    f"#item-{form.cleaned_data['item']}")


def _json_outcome(outcomes) -> JsonResponse:
    files = [{"name": o.name, "ok": o.material is not None, "message": o.refusal or "已上传"}
             for o in outcomes]
    return JsonResponse({"files": files}, status=200 if all(f["ok"] for f in files) else 400)


def _material(request, pk, mid, *, include_removed=False):
    app = access_application(request.user, pk)
    qs = app.materials.all() if include_removed else app.materials.filter(removed_at__isnull=True)
    return app, get_object_or_404(qs, pk=mid)


@login_required
def download(request, pk, mid):
    """Files of earlier submitted versions stay downloadable after removal (never lost); a
    personal item (领办人身份证 …) is logged as a read of personal data."""
    _app, material = _material(request, pk, mid, include_removed=True)
    action = AuditAction.VIEW_PII if material.is_personal else AuditAction.DOWNLOAD
    return private_file_response(material.file, material.title, request=request, obj=material,
                                 action=action)


def _act(request, pk, mid, fn, **kw):
    app = access_application(request.user, pk, for_write=True)
    material = get_object_or_404(app.materials.filter(removed_at__isnull=True), pk=mid)
    try:
        fn(material, by=request.user, **kw)
    except DomainError as exc:
        messages.error(request, exc.message)
        return None
    return material


@login_required
@require_POST
def delete(request, pk, mid):
    material = _act(request, pk, mid, remove_material)
    if material:
        messages.success(request, f"已删除：{material.title}")
    return redirect("declare:materials", pk)


@login_required
@require_POST
def move(request, pk, mid):
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise Http404
    material = _act(request, pk, mid, move_material, direction=direction)
    anchor = f"#item-{material.item}" if material else ""
    return redirect(reverse("declare:materials", args=[pk]) + anchor)


@login_required
@require_POST
def reorder(request, pk):
    """Drag and drop (static/js/materials.js): {"item": key, "ids": [material ids in order]}."""
    app = access_application(request.user, pk, for_write=True)
    if request.content_type != "application/json":  # a parsed form leaves no body to read
        return JsonResponse({"ok": False, "message": "请求格式不正确。"}, status=400)
    try:
        body = json.loads(request.body or b"{}")
        item, ids = str(body["item"]), [int(i) for i in body["ids"]]
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"ok": False, "message": "请求格式不正确。"}, status=400)
    try:
        reorder_materials(app, by=request.user, item=item, ids=ids)
    except DomainError as exc:
        return JsonResponse({"ok": False, "message": exc.message}, status=409)
    return JsonResponse({"ok": True, "message": "顺序已保存。"})
