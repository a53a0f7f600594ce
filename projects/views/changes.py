from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from calls.choices import ProjectKind
from core.views import attempt_in_form
from uploads import private_file_response

from .. import selectors
from ..choices import ChangeKind, ChangeStatus
from ..forms import CHANGE_FORMS, ChangeDecisionForm
from ..services import approve_change, reject_change, request_change
from .common import form_page, form_status
from .permissions import allowed, permissions

NOTES = {
    ChangeKind.RENAME: "在建设期内因机构改革、机构重组等原因变更单位名称的，由变更后的单位提交申请，"
                       "核准后可继续实施建设项目（鄂人社发〔2022〕100号 七(三)）。",
    ChangeKind.DISSOLVE: "项目建设单位在建设期内撤销的，未实施的项目资金予以收回"
                         "（鄂人社发〔2022〕100号 七(三)）。",
    ChangeKind.LEADER: "因调离、解聘、退休等原因变更领办人的，按照技能大师的条件重新确定工作室领办人，"
                       "核准后可继续实施建设项目（鄂人社发〔2022〕100号 七(四)）。",
}


@login_required
@require_http_methods(["GET", "POST"])
def new(request, pk, kind):
    project = selectors.access_project(request.user, pk)
    allowed(request.user, project, "report")
    if kind not in ChangeKind.values or (kind == ChangeKind.LEADER
                                         and project.kind != ProjectKind.STUDIO):
        raise Http404
    form = CHANGE_FORMS[kind](request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and attempt_in_form(form, lambda: request_change(
            project, by=request.user, kind=kind, **form.cleaned_data)):
        messages.success(request, "变更申请已提交，待核准。")
        return redirect("projects:detail", pk=pk)
    return form_page(request, project=project, form=form, submit="提交变更申请",
                     title=f"申请{ChangeKind(kind).label}", note=NOTES[kind],
                     status=form_status(request, form))


@login_required
@require_http_methods(["GET", "POST"])
def change(request, pk, cid):
    """A change request; the issuer's reviewers approve or reject it here."""
    item = selectors.access_change(request.user, pk, cid)
    project = item.project
    can_decide = item.status == ChangeStatus.PENDING and \
        permissions(request.user, project)["decide_changes"]
    form = ChangeDecisionForm(request.POST or None)
    if request.method == "POST":
        if not can_decide:
            raise Http404
        if form.is_valid():
            approve, comment = form.cleaned_data["approve"], form.cleaned_data["comment"]
            service = approve_change if approve else reject_change
            if attempt_in_form(form, lambda: service(item, by=request.user, comment=comment)):
                messages.success(request, "已核准变更。" if approve else "已不予核准。")
                return redirect("projects:detail", pk=pk)
    return render(request, "projects/change.html", {
        "project": project, "change": item, "form": form, "can_decide": can_decide,
    }, status=form_status(request, form))


@login_required
def document(request, pk, cid):
    item = selectors.access_change(request.user, pk, cid)
    if not item.document:
        raise Http404
    return private_file_response(item.document, item.document_name, request=request, obj=item)


