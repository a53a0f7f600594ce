"""表5 as the review fills it: the expert opinion, the experts who scored, the two departments.

专家评审意见 is the project's own 专家组意见 (PanelOpinion, written by the chair from the
experts' 评审意见); a project without one falls back to the decision's text for its kind.

Public: documents and others may call `table5_for(application, *, reveal_mobile)`.
"""

from core.pii import decrypt, mask_mobile

from .models import Assignment, DecisionItem, PanelOpinion, SheetStatus


def experts_for(application, *, reveal_mobile: bool) -> list[dict]:
    """The experts who submitted a score sheet for the application (name, unit_post, mobile)."""
    rows = (Assignment.objects.filter(application=application,
                                      sheet__status=SheetStatus.SUBMITTED)
            .select_related("expert__organisation").order_by("expert__name", "expert_id"))
    out = []
    for a in rows:
        mobile = decrypt(a.expert.mobile_encrypted)
        out.append({"name": a.expert.name, "unit_post": a.expert.unit_and_post,
                    "mobile": mobile if reveal_mobile else mask_mobile(mobile)})
    return out


def table5_for(application, *, reveal_mobile: bool = False) -> dict:
    item = (DecisionItem.objects.filter(application=application).select_related("decision")
            .first())
    decision = item.decision if item else None
    own = PanelOpinion.objects.filter(application=application).values_list("text", flat=True)
    opinion = own.first() or (decision.expert_opinion if decision else "")
    return {
        "expert_opinion": opinion,
        "hr_opinion": decision.hr_opinion if decision else "",
        "finance_opinion": decision.finance_opinion if decision else "",
        "score_rank": item.score_rank if item else None,
        "selected": bool(item and item.selected),
        "experts": experts_for(application, reveal_mobile=reveal_mobile),
    }
