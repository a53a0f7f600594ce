"""What every quotas service shares: the one domain error, row locks, the timeline."""

from django.utils import timezone

from core.errors import DomainError
from declare.models import Application, ApplicationEvent

from ..models import PackageEvent, RecommendationPackage
from ..rules import ACTION_LABELS, APP_TRANSITIONS, can_oversee, can_recommend

NOT_YOURS = "您无权办理该推荐单位的推荐事项。"


def lock_package(package) -> RecommendationPackage:
    """Lock the package row: every change of one recommender's 初评 in a call goes through it."""
    return (RecommendationPackage.objects.select_for_update(of=("self",))
            .select_related("call", "recommender").get(pk=package.pk))


def lock_application(application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


def check_recommender(user, package) -> None:
    if not can_recommend(user, package.recommender):
        raise DomainError(NOT_YOURS)


def check_reviewer(user, package) -> None:
    if not can_oversee(user, package.call):
        raise DomainError("只有自治区审核人员可以办理该事项。")


def fmt_time(value) -> str:
    t = timezone.localtime(value)
    return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M:%S}"


def check_editable(package, now) -> None:
    """105号 四(二): the recommender works until the deadline; a submitted package is locked."""
    if not package.is_editable:
        raise DomainError("推荐材料已报送自治区，已锁定，不能再修改。"
                                  "如需修改，请联系自治区人力资源社会保障厅退回重报。")
    if now > package.deadline:
        raise DomainError(f"已超过报送截止时间（{fmt_time(package.deadline)}），"
                                  "不能再修改。")


def package_event(package, *, by, action, application=None, comment="", payload=None):
    return PackageEvent.objects.create(package=package, actor=by, action=action,
                                       application=application, comment=comment,
                                       payload=payload or {})


def record_event(application, *, by, action, from_status, to_status, comment="", payload=None):
    """The application's timeline entry (declare's record_event once it is available)."""
    try:
        from declare.services.workflow import record_event as declare_record_event
    except ImportError:
        declare_record_event = None
    if declare_record_event is not None:
        return declare_record_event(application, by=by, action=action, from_status=from_status,
                                    to_status=to_status, comment=comment, payload=payload)
    return ApplicationEvent.objects.create(
        application=application, actor=by, actor_org=application.unit.parent, action=action,
        from_status=from_status, to_status=to_status, comment=comment, payload=payload or {})


def set_status(application, to_status, *, by, action, comment="", payload=None) -> None:
    """Change the application's status and write its timeline entry (never elsewhere)."""
    from_status = application.status
    application.status = to_status
    application.save(update_fields=["status", "updated_at"])
    record_event(application, by=by, action=action, from_status=from_status,
                 to_status=to_status, comment=comment, payload=payload)


def transition(application, action, *, by, comment="", payload=None) -> None:
    """Move a locked application along APP_TRANSITIONS, or refuse in Chinese."""
    allowed, to_status = APP_TRANSITIONS[action]
    if application.status not in allowed:
        raise DomainError(
            f"该申报当前状态为“{application.get_status_display()}”，不能{ACTION_LABELS[action]}。")
    set_status(application, to_status, by=by, action=action, comment=comment, payload=payload)
