"""专家库 pages: the reviewers and administrators of an issuing organisation keep its own pool
(orgs.policy); anyone else, and any expert of another pool, gets 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.pii import decrypt, mask_mobile
from core.views import attempt
from orgs.stepup import step_up_required

from ..conflicts import region_of
from ..forms import ExpertForm
from ..selectors import access_expert, experts_for_reviewer, pools_of
from ..services.experts import invite_expert, save_expert


def _pools(user):
    pools = list(pools_of(user))
    if not pools:
        raise Http404
    return pools


@login_required
def expert_list(request):
    pools = _pools(request.user)
    experts = list(experts_for_reviewer(request.user).order_by("-is_active", "name", "id"))
    regions = {}
    for e in experts:
        e.mobile = decrypt(e.mobile_encrypted)
        region = region_of(e.organisation, regions)
        e.region_label = region.label if region else "区直"
    return render(request, "review/experts.html", {"experts": experts, "pools": pools})


@login_required
@step_up_required
def expert_edit(request, pk=None):
    pools = _pools(request.user)  # 404 unless a reviewer or administrator of an issuer
    expert = access_expert(request.user, pk) if pk else None
    initial = {"pool": expert.pool if expert else pools[0]}
    if expert is not None:
        initial |= {"name": expert.name, "organisation": expert.organisation, "post": expert.post,
                    "is_active": expert.is_active,
                    "past_affiliations": list(expert.past_affiliations.all()),
                    "collaborators": list(expert.collaborators.all()),
                    "occupation_codes": " ".join(o.code for o in expert.occupations.all())}
    form = ExpertForm(request.POST or None, initial=initial, pools=pools)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if expert is None and not d["mobile"]:
            form.add_error("mobile", "请填写手机号码（表5 专家信息须填写手机）。")
        elif attempt(request, lambda: save_expert(
                expert, by=request.user, pool=d["pool"], name=d["name"],
                organisation=d["organisation"], post=d["post"], mobile=d["mobile"],
                occupations=d["occupation_codes"], user=expert.user if expert else None,
                is_active=d["is_active"], past_affiliations=d["past_affiliations"],
                collaborators=d["collaborators"]),
                f"已保存专家“{d['name']}”。", form):
            return redirect("review:experts")
    current = mask_mobile(decrypt(expert.mobile_encrypted)) if expert else ""
    return render(request, "review/expert_form.html", {"form": form, "expert": expert,
                                                       "current_mobile": current})


@require_POST
@login_required
def expert_invite(request, pk):
    _pools(request.user)
    expert = access_expert(request.user, pk)
    attempt(request, lambda: invite_expert(expert, by=request.user),
            f"已向{expert.name}发送评审邀请；专家确认保密及回避承诺后方可分配评审任务。")
    return redirect("review:experts")
