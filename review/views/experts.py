"""专家库 pages (reviewers and administrators only)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from ..crypto import decrypt, mask_mobile
from ..forms import ExpertForm
from ..rules import can_see_personal_info
from ..selectors import expert_for_reviewer, experts_for_reviewer
from ..services.experts import save_expert
from ._common import attempt


def _pool(user):
    if not can_see_personal_info(user):
        raise Http404
    return experts_for_reviewer(user)


@login_required
def expert_list(request):
    experts = list(_pool(request.user).order_by("-is_active", "name", "id"))
    for e in experts:
        e.mobile = decrypt(e.mobile_encrypted)
    return render(request, "review/experts.html", {"experts": experts})


@login_required
def expert_edit(request, pk=None):
    _pool(request.user)  # 404 unless reviewer or administrator
    expert = expert_for_reviewer(request.user, pk) if pk else None
    initial = {}
    if expert is not None:
        initial = {"name": expert.name, "organisation": expert.organisation, "post": expert.post,
                   "is_active": expert.is_active,
                   "occupation_codes": " ".join(o.code for o in expert.occupations.all())}
    form = ExpertForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if expert is None and not d["mobile"]:
            form.add_error("mobile", "请填写手机号码（表5 专家信息须填写手机）。")
        elif attempt(request, lambda: save_expert(
                expert, by=request.user, name=d["name"], organisation=d["organisation"],
                post=d["post"], mobile=d["mobile"], occupations=d["occupation_codes"],
                user=expert.user if expert else None, is_active=d["is_active"]),
                f"已保存专家“{d['name']}”。", form):
            return redirect("review:experts")
    current = mask_mobile(decrypt(expert.mobile_encrypted)) if expert else ""
    return render(request, "review/expert_form.html", {"form": form, "expert": expert,
                                                       "current_mobile": current})
