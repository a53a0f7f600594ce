"""受理: accepting or sending back a recommender's package (105号 三: 超出推荐名额的不予受理)."""

from django.db import transaction

from calls.choices import ProjectKind
from core.errors import DomainError
from declare.models import Application, ApplicationStatus
from declare.workflow import transition
from quotas import notices as package_notices
from quotas.models import RecommendationPackage
from quotas.selectors import quota_amount
from quotas.services import reopen_package

from .. import notices
from ..models import Admission, PackageReceipt, ReceiptStatus
from ..rules import can_review
from .audit import log


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
def accept_package(call, recommender, *, by) -> PackageReceipt:
    """Admit the forwarded applications up to the quota of each kind; any beyond are refused."""
    if not can_review(by, call):
        raise DomainError("您无权受理该申报批次的材料。")
    apps = _forwarded(call, recommender)
    if not apps:
        raise DomainError(f"{recommender.label}没有待受理的项目。")
    taken, refused = [], []
    for kind in ProjectKind.values:
        of_kind = [a for a in apps if a.kind == kind]
        admitted = Admission.objects.filter(application__call=call, application__kind=kind,
                                            application__unit__parent=recommender).count()
        room = max(0, quota_amount(call, recommender, kind) - admitted)
        taken += of_kind[:room]
        refused += of_kind[room:]
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

