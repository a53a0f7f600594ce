"""受理: accepting or sending back a recommender's package (105号 三: 超出推荐名额的不予受理),
and the order of work it opens (issue 18 §4).

The order: 受理, 开始评分 and 公示 of a kind wait until no recommender may still send that
kind (`require_sending_closed`). A package accepted later anyway (the region granted an
extension after the review began) joins the review of its kind, never stranded: into a
panel still scoring as it is (the panel cannot close until it is scored), and a closed panel
is reopened for it, its frozen result and draft decision dropped (`_admit_late`). Once the
decision is released with the 公示, a late package is refused with the reason.
"""

from django.db import transaction
from django.utils import timezone

from calls.choices import ProjectKind
from core.errors import DomainError
from declare.models import Application, ApplicationStatus
from declare.workflow import transition
from quotas import notices as package_notices
from quotas.models import PackageStatus, RecommendationPackage
from quotas.selectors import quota_amount
from quotas.services import reopen_package
from quotas.services._common import fmt_time

from .. import notices
from ..models import (
    Admission,
    Decision,
    PackageReceipt,
    Panel,
    PanelStatus,
    ReceiptStatus,
)
from ..rules import can_review
from .audit import log
from .scoring import reopen_frozen


def open_deadlines(call, kind, *, now=None) -> list[RecommendationPackage]:
    """The recommenders that may still send applications of `kind`: a quota for it, a package
    not yet submitted, and its deadline (the call's, or its own extension) not yet passed."""
    now = now or timezone.now()
    packages = (RecommendationPackage.objects.filter(call=call)
                .exclude(status=PackageStatus.SUBMITTED).select_related("recommender", "call")
                .order_by("recommender__division_code", "recommender_id"))
    return [p for p in packages
            if p.deadline >= now and quota_amount(call, p.recommender, kind) > 0]


def _waiting(call, kind) -> list[str]:
    """Recommenders whose forwarded applications of `kind` await 受理."""
    return sorted({a.unit.parent.label for a in Application.objects.filter(
        call=call, kind=kind, status=ApplicationStatus.FORWARDED).select_related("unit__parent")
        if a.unit.parent_id})


NAMED = 5   # recommenders named in the message; the rest counted (等N个推荐单位)


def _still_open(still, label: str) -> str:
    """At most NAMED recommenders by name with their deadlines, then 等N个推荐单位 and the
    latest deadline of them all, so the message stays one readable sentence."""
    names = "、".join(f"{p.recommender.label}（{fmt_time(p.deadline)}"
                      f"{'，已延期' if p.deadline > p.call.recommender_deadline else ''}）"
                      for p in still[:NAMED])
    if len(still) > NAMED:
        latest = max(p.deadline for p in still)
        names += f"等{len(still)}个推荐单位，最晚截止时间为{fmt_time(latest)}"
    return f"以下推荐单位的{label}报送截止时间尚未届满，仍可报送材料：{names}。"


def require_sending_closed(call, kinds, *, step: str, now=None, received=False) -> None:
    """`step` (受理, 开始评分, 发布公示) of these kinds waits for every recommender's deadline;
    with `received`, also for every forwarded package to be received (受理 or 退回)."""
    for kind in kinds:
        label = ProjectKind(kind).label
        still = open_deadlines(call, kind, now=now)
        if still:
            raise DomainError(f"{_still_open(still, label)}截止后方可{step}。")
        waiting = _waiting(call, kind) if received else []
        if waiting:
            raise DomainError(f"尚有{label}推荐材料待受理：{'、'.join(waiting)}。"
                              f"请先受理或退回后再{step}。")


def _admit_late(call, kind, apps, *, by, recommender) -> None:
    """Late applications of `kind` join its review: refused once the decision is released, a
    closed panel reopened (its result and draft decision dropped), the panel told."""
    if not apps:
        return
    label = ProjectKind(kind).label
    if Decision.objects.filter(call=call, kind=kind, released_at__isnull=False).exists():
        raise DomainError(f"{label}的复审决定已随公示发布，不能再受理{recommender.label}逾期报送的"
                          f"材料（{'、'.join(a.reference for a in apps)}）。")
    panel = Panel.objects.select_for_update().filter(call=call, kind=kind).first()
    if panel is None or panel.status == PanelStatus.FORMING:
        return
    refs = [a.reference for a in apps]
    if panel.status == PanelStatus.CLOSED:
        reason = f"受理{recommender.label}逾期报送的材料：{'、'.join(refs)}"
        Decision.objects.filter(call=call, kind=kind).delete()
        reopen_frozen(panel, by=by, reason=reason, late=refs)
    notices.late_admitted(panel, refs)


def over_quota(call) -> str:
    return f"超出推荐名额的不予受理（{call.wording.cite('quota')}）"


def recommendation_order(app) -> tuple:
    """The recommender's ranking (推荐顺序) where there is one, then the reference."""
    rec = getattr(app, "recommendation", None)
    return (rec.rank if rec is not None else 999, app.reference)


def _forwarded(call, recommender) -> list[Application]:
    apps = list(Application.objects.select_for_update(of=("self",))
                .filter(call=call, unit__parent=recommender, status=ApplicationStatus.FORWARDED)
                .select_related("unit"))
    return sorted(apps, key=recommendation_order)


@transaction.atomic
def accept_package(call, recommender, *, by, now=None) -> PackageReceipt:
    """Admit the forwarded applications up to the quota of each kind; any beyond are refused."""
    if not can_review(by, call):
        raise DomainError("您无权受理该申报批次的材料。")
    apps = _forwarded(call, recommender)
    if not apps:
        raise DomainError(f"{recommender.label}没有待受理的项目。")
    require_sending_closed(call, sorted({a.kind for a in apps}), step="受理", now=now)
    taken, refused = [], []
    for kind in ProjectKind.values:
        of_kind = [a for a in apps if a.kind == kind]
        admitted = Admission.objects.filter(application__call=call, application__kind=kind,
                                            application__unit__parent=recommender).count()
        room = max(0, quota_amount(call, recommender, kind) - admitted)
        taken += of_kind[:room]
        refused += of_kind[room:]
        _admit_late(call, kind, of_kind[:room], by=by, recommender=recommender)
    receipt = PackageReceipt.objects.create(
        call=call, recommender=recommender, status=ReceiptStatus.ACCEPTED,
        accepted_count=len(taken), refused_count=len(refused), decided_by=by)
    for app in taken:
        Admission.objects.create(application=app, receipt=receipt)
        transition(app, "accept", by=by, comment=f"{call.wording.office}已受理，进入复审")
        notices.accepted(app)
    for app in refused:
        transition(app, "reject", by=by, comment=over_quota(call))
        notices.refused(app, over_quota(call))
    package_notices.package_received(call, recommender, accepted=len(taken), refused=len(refused))
    log(call, by=by, action="accept_package", subject=recommender.name,
        payload={"accepted": [a.reference for a in taken],
                 "refused": [a.reference for a in refused]})
    return receipt


@transaction.atomic
def return_package(call, recommender, *, by, reasons: str) -> PackageReceipt:
    """Send the package back to the recommender with reasons, for correction and resubmission."""
    if not can_review(by, call):
        raise DomainError("您无权退回该推荐单位的材料。")
    reasons = (reasons or "").strip()
    if not reasons:
        raise DomainError("请填写退回理由。", field="reasons")
    apps = _forwarded(call, recommender)
    if not apps:
        raise DomainError(f"{recommender.label}没有待受理的项目，无需退回。")
    receipt = PackageReceipt.objects.create(call=call, recommender=recommender,
                                            status=ReceiptStatus.RETURNED, reasons=reasons,
                                            decided_by=by)
    package = RecommendationPackage.objects.filter(call=call, recommender=recommender).first()
    if package is not None:
        reopen_package(package, by=by, reason=reasons)
    else:  # applications forwarded without a package (imported): each goes back on its own
        for app in apps:
            transition(app, "reopen", by=by, comment=reasons)
        package_notices.package_sent_back(call, recommender, reasons)
    log(call, by=by, action="return_package", subject=recommender.name,
        payload={"reasons": reasons, "applications": [a.reference for a in apps]})
    return receipt

