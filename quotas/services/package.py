"""The package as a whole: submit to the region, reopen, extend the deadline."""

from django.db import transaction
from django.utils import timezone

from calls.choices import CallStatus, ProjectKind
from core.errors import DomainError
from declare.models import ApplicationStatus
from declare.workflow import lock, transition
from notify.services import due_in

from .. import notices
from ..annex2 import sealed_filler
from ..models import PackageAction, PackageStatus, Quota, Recommendation, RecommendationPackage
from ..rules import is_complete, missing_sections, report_problems
from ..selectors import contact_of, report_of
from ..workflow import PACKAGE
from ._common import check_recommender, check_reviewer, fmt_time, lock_package, package_event


def package_problems(package) -> list[str]:
    """Everything that keeps the package from going to the region (105号 四(一)、(二))."""
    problems = list(report_problems(report_of(package), package.call))
    if contact_of(package.call, package.recommender) is None:
        problems.append("尚未登记联系人和联系电话。")
    recs = list(package.recommendations.select_related("application__unit")
                .prefetch_related("application__specialities", "application__sections")
                .order_by("kind", "rank"))
    if not recs:
        problems.append("尚未推荐任何项目。")
    amounts = dict(Quota.objects.filter(call=package.call, recommender=package.recommender)
                   .values_list("kind", "amount"))
    for kind in ProjectKind.values:
        used = sum(1 for r in recs if r.kind == kind)
        if used > amounts.get(kind, 0):
            problems.append(f"{ProjectKind(kind).label}已推荐{used}个，超过推荐名额"
                            f"（{amounts.get(kind, 0)}个）。超出推荐名额的不予受理。")
    for r in recs:
        if not is_complete(r.application):
            problems.append(f"{r.application.unit.label}（{r.application.reference}）申报表未填写完整："
                            f"{'、'.join(missing_sections(r.application))}。")
    return problems


def submit_package(package, *, by, now=None) -> None:
    """Hand the ranked, within-quota package to the region before the deadline (105号 四(二)).

    Requires the report complete, the contact registered and every ranked application
    complete. Afterwards the package is locked and the ranked applications are forwarded.
    """
    now = now or timezone.now()
    with transaction.atomic():
        package = lock_package(package)
        check_recommender(by, package)
        w = package.call.wording
        if package.status == PackageStatus.SUBMITTED:
            raise DomainError(f"推荐材料{w.submitted}，不能重复报送。")
        if now > package.deadline:
            raise DomainError(f"已超过报送截止时间（{fmt_time(package.deadline)}），"
                              f"不能报送。{w.contact_us}")
        problems = package_problems(package)
        if problems:
            raise DomainError("推荐材料尚不完整，不能报送：", problems)
        recs = list(Recommendation.objects.filter(package=package).order_by("kind", "rank"))
        for rec in recs:
            transition(rec.application, "forward", by=by, payload={"rank": rec.rank})
        PACKAGE.move(package, PackageAction.SUBMIT, by=by, submitted_at=now, submitted_by=by,
                     submitted_filler=sealed_filler(package.call, package.recommender),
                     payload={k: [r.application_id for r in recs if r.kind == k]
                              for k in ProjectKind.values})
        notices.package_submitted(package)


def reopen_package(package, *, by, reason: str) -> None:
    """The region sends a submitted package back to the recommender, with its reason."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写退回重报的理由。")
    with transaction.atomic():
        package = lock_package(package)
        check_reviewer(by, package)
        PACKAGE.check(package, PackageAction.REOPEN)
        for rec in Recommendation.objects.filter(package=package).select_related("application"):
            app = lock(rec.application)
            if app.status != ApplicationStatus.FORWARDED:
                raise DomainError(f"{package.call.wording.office}已处理其中的申报（{app.reference}，"
                                  f"{app.get_status_display()}），不能退回重报。")
            transition(app, "reopen", by=by, comment=reason)
        PACKAGE.move(package, PackageAction.REOPEN, by=by, reason=reason)
        notices.package_sent_back(package.call, package.recommender, reason)


def grant_extension(package, *, by, until, reason: str, now=None) -> None:
    """The region grants this recommender a later deadline, with its reason."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写延期理由。")
    now = now or timezone.now()
    with transaction.atomic():
        package = lock_package(package)
        check_reviewer(by, package)
        if until <= package.call.deadline:
            raise DomainError(
                f"延长后的截止时间应晚于统一截止时间（{fmt_time(package.call.deadline)}）。")
        if until <= now:
            raise DomainError("延长后的截止时间应晚于当前时间。")
        package.extended_deadline, package.extension_reason = until, reason
        package.extension_granted_by = by
        package.save()
        package_event(package, by=by, action=PackageAction.EXTEND, comment=reason,
                      payload={"until": until.isoformat()})
        notices.extension_granted(package, reason)


def remind_deadlines(today) -> int:
    """Recommenders whose package is not yet sent are reminded 7 days and 1 day before their
    deadline (an extension moves the reminders with it); returns how many packages."""
    packages = (RecommendationPackage.objects.exclude(status=PackageStatus.SUBMITTED)
                .filter(call__status=CallStatus.OPEN).select_related("call", "recommender"))
    reminded = 0
    for package in packages:
        days = due_in(timezone.localdate(package.deadline), today)
        if days is not None:
            with transaction.atomic():
                notices.deadline_near(package, days)
            reminded += 1
    return reminded
