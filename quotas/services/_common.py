"""What every quotas service shares: the one domain error, the package lock, its timeline."""

from django.utils import timezone

from audit.models import AuditAction
from audit.services import log_event
from core.errors import DomainError

from ..models import PackageEvent, RecommendationPackage
from ..rules import can_oversee, can_recommend

NOT_YOURS = "您无权办理该推荐单位的推荐事项。"


def lock_package(package) -> RecommendationPackage:
    """Lock the package row: every change of one recommender's 初评 in a call goes through it."""
    return (RecommendationPackage.objects.select_for_update(of=("self",))
            .select_related("call", "recommender").get(pk=package.pk))


def check_recommender(user, package) -> None:
    if not can_recommend(user, package.recommender):
        raise DomainError(NOT_YOURS)


def check_reviewer(user, package) -> None:
    if not can_oversee(user, package.call):
        raise DomainError(f"只有{package.call.wording.office}审核人员可以办理该事项。")


def fmt_time(value) -> str:
    t = timezone.localtime(value)
    return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M:%S}"


def check_editable(package, now) -> None:
    """105号 四(二): the recommender works until the deadline; a submitted package is locked."""
    w = package.call.wording
    if not package.is_editable:
        raise DomainError(f"推荐材料{w.submitted}，已锁定，不能再修改。"
                          f"如需修改，请联系{w.authority}退回重报。")
    if now > package.deadline:
        raise DomainError(f"已超过报送截止时间（{fmt_time(package.deadline)}），"
                          f"不能再修改。{w.contact_us}")


def package_event(package, *, by, action, application=None, comment="", payload=None):
    """A package timeline entry that changes no package state (a ranking move, the report,
    the contact person …), written to the one event log too."""
    event = PackageEvent.objects.create(package=package, actor=by, action=action,
                                        application=application, comment=comment,
                                        payload=payload or {})
    log_event(package, by, AuditAction.CHANGE, reason=comment, step=action,
              application=application.pk if application is not None else None,
              payload=payload or {})
    return event
