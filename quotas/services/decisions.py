"""初评 decisions on one application: recommend, not recommend, return for revision, undo."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core.errors import DomainError
from declare.eligibility.conditions import evaluate
from declare.models import ApplicationStatus
from declare.services.workflow import return_for_revision
from declare.workflow import APPLICATION, lock, transition

from .. import notices
from ..models import PackageAction, Quota, Recommendation, RecommendationPackage
from ._common import check_editable, check_recommender, lock_package, package_event


def ensure_package(call, recommender) -> RecommendationPackage:
    package, _ = RecommendationPackage.objects.get_or_create(call=call, recommender=recommender)
    return package


def _open_package(application, by, now):
    """Lock the application's package (created if need be) and check the actor and the lock."""
    package = lock_package(ensure_package(application.call, application.unit.parent))
    check_recommender(by, package)
    check_editable(package, now)
    return package


def quota_message(amount: int) -> str:
    return f"已达到推荐名额（{amount}个），不能再推荐。超出推荐名额的不予受理。"


def recommend(application, *, by, now=None) -> Recommendation:
    """Recommend an application, ranked last of its kind, within the quota (105号 三).

    The package row and then the quota row are locked before counting, so concurrent
    recommendations of one recommender are serialised; the rank constraints
    (1 ≤ rank ≤ quota, unique per package and kind) make an over-quota state impossible
    even for a writer that skipped this function.
    """
    now = now or timezone.now()
    with transaction.atomic():
        package = _open_package(application, by, now)
        quota = Quota.objects.select_for_update().filter(
            call=package.call, recommender=package.recommender, kind=application.kind).first()
        app = lock(application)
        if any(f.awaits_recommender for f in evaluate(app)):
            raise DomainError("该工作室领办人未达到高级技师，须先填写推荐单位对领办人业绩贡献的说明"
                              f"（{package.call.wording.cite('statement', short=True)}），再作推荐。")
        amount = quota.amount if quota else 0
        used = package.recommendations.filter(kind=app.kind).count()
        if app.status == ApplicationStatus.SUBMITTED and used >= amount:
            raise DomainError(quota_message(amount))
        transition(app, "recommend", by=by, payload={"rank": used + 1,
                                                      "version": app.submitted_version})
        rec = Recommendation.objects.create(package=package, application=app, kind=app.kind,
                                            rank=used + 1, quota=amount, recommended_by=by)
        package_event(package, by=by, action=PackageAction.RECOMMEND, application=app,
                      payload={"rank": rec.rank, "used": used + 1, "quota": amount})
        notices.recommended(app, rec.rank)
    application.status = app.status
    return rec


def _drop_recommendation(app) -> int | None:
    """Remove the app's rank and close the gap behind it; returns the old rank."""
    rec = Recommendation.objects.filter(application=app).first()
    if rec is None:
        return None
    rec.delete()
    Recommendation.objects.filter(package_id=rec.package_id, kind=rec.kind,
                                  rank__gt=rec.rank).update(rank=F("rank") - 1)
    return rec.rank


def decline(application, *, by, reason: str, now=None) -> None:
    """Not recommend (不予推荐), with the reason the unit will read."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写不予推荐的理由。")
    now = now or timezone.now()
    with transaction.atomic():
        package = _open_package(application, by, now)
        app = lock(application)
        old_rank = _drop_recommendation(app) if app.status == ApplicationStatus.RECOMMENDED \
            else None
        transition(app, "not_recommend", by=by, comment=reason)
        package_event(package, by=by, action=PackageAction.DECLINE, application=app,
                      comment=reason, payload={"old_rank": old_rank})
        notices.declined(app, reason)
    application.status = app.status


def undo_decision(application, *, by, now=None) -> None:
    """Take back a recommendation or a refusal: the application is undecided again."""
    now = now or timezone.now()
    with transaction.atomic():
        package = _open_package(application, by, now)
        app = lock(application)
        old_rank = _drop_recommendation(app)
        transition(app, "undo_decision", by=by)
        package_event(package, by=by, action=PackageAction.UNDO, application=app,
                      payload={"old_rank": old_rank})
        notices.decision_undone(app)
    application.status = app.status


def return_application(application, *, by, comments: str, sections=(), now=None) -> None:
    """Return an undecided application to its unit for revision (退回修改), with comments."""
    comments = (comments or "").strip()
    if not comments:
        raise DomainError("请填写退回修改意见。")
    now = now or timezone.now()
    with transaction.atomic():
        package = _open_package(application, by, now)
        app = lock(application)
        if not APPLICATION.can(app, "return"):
            raise DomainError(
                f"该申报当前状态为“{app.get_status_display()}”，不能退回修改；"
                "已作出初评结论的，请先撤销。")
        return_for_revision(app, by=by, comments=comments, sections=list(sections))
        package_event(package, by=by, action=PackageAction.RETURN, application=app,
                      comment=comments, payload={"sections": list(sections)})
    application.status = app.status
