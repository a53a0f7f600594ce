"""The application's state machine: every action from creation to revocation, in one table.

declare (submit, withdraw, return), quotas (the recommender's 初评 and the package's forward and
reopen) and review (受理, decision, 公示 objections) all move an application through
`transition()`; nothing else assigns `Application.status`. Labels are EventAction's, so the
refusal, the page's button and the applicant's timeline say the same words.
"""

from django.db import transaction

from core.workflow import Action, Workflow
from orgs.models import Membership

from .models import Application, ApplicationEvent, ApplicationStatus, EventAction

_S = ApplicationStatus
_E = EventAction


def _action(name: EventAction, sources: tuple, target: str) -> Action:
    return Action(name.value, name.label, tuple(sources), target)


def _actor_org(by, application: Application):
    """The organisation the actor acts for: the unit or its recommender first."""
    orgs = [o for o in (application.unit_id, application.unit.parent_id) if o]
    membership = (Membership.objects.filter(user=by, organisation_id__in=orgs)
                  .order_by("role").first()) or Membership.objects.filter(user=by).first()
    return membership.organisation if membership else None


def _timeline(application, name, *, by, before, after, reason, payload, label):
    return ApplicationEvent.objects.create(
        application=application, actor=by,
        actor_org=_actor_org(by, application) if by else None, action=name,
        from_status=before or "", to_status=after or "", comment=reason or "", payload=payload)


APPLICATION = Workflow("申报", ApplicationStatus, [
    _action(_E.CREATE, (), _S.DRAFT),
    # declare: the unit and its recommender (105号 四(一))
    _action(_E.SUBMIT, (_S.DRAFT, _S.RETURNED), _S.SUBMITTED),
    _action(_E.WITHDRAW, (_S.SUBMITTED,), _S.DRAFT),
    _action(_E.RETURN, (_S.SUBMITTED,), _S.RETURNED),
    # quotas: the recommender's 初评 and the package (105号 三、四(二))
    _action(_E.RECOMMEND, (_S.SUBMITTED,), _S.RECOMMENDED),
    _action(_E.NOT_RECOMMEND, (_S.SUBMITTED, _S.RECOMMENDED), _S.NOT_RECOMMENDED),
    _action(_E.UNDO_DECISION, (_S.RECOMMENDED, _S.NOT_RECOMMENDED), _S.SUBMITTED),
    _action(_E.FORWARD, (_S.RECOMMENDED,), _S.FORWARDED),
    _action(_E.REOPEN, (_S.FORWARDED,), _S.RECOMMENDED),
    # review: 受理 (超出名额的不予受理), decision, 公示 (105号 三、四(三))
    _action(_E.ACCEPT, (_S.FORWARDED,), _S.ACCEPTED),
    _action(_E.APPROVE, (_S.ACCEPTED,), _S.APPROVED),
    _action(_E.REJECT, (_S.FORWARDED, _S.ACCEPTED), _S.REJECTED),
    _action(_E.RECONSIDER, (_S.APPROVED, _S.REJECTED), _S.ACCEPTED),
    _action(_E.REVOKE, (_S.APPROVED,), _S.REJECTED),
], timeline=_timeline, notes={n.value: n.label for n in (
    _E.UPLOAD, _E.REMOVE_MATERIAL, _E.EXPLAIN, _E.UNCHANGED_REASON)})


def lock(application: Application) -> Application:
    """The application row, locked for the rest of the transaction."""
    return (Application.objects.select_for_update(of=("self",))
            .select_related("call", "unit").get(pk=application.pk))


@transaction.atomic
def transition(application: Application, action: str, *, by, comment: str = "",
               payload: dict | None = None, request=None, **changes) -> Application:
    """Move an application by one action of APPLICATION: lock the row, check the current
    state, set the new one (and `changes`), save, and write the timeline entry and the audit
    log row in one call. Refusals raise DomainError in Chinese and change nothing.

    Notifications are the caller's (their wording depends on the stage); they are queued
    after this returns, in the same transaction. Returns the locked, saved row; `application`
    gets its new status too.
    """
    locked = lock(application)
    APPLICATION.move(locked, action, by=by, reason=comment, payload=payload, request=request,
                     **changes)
    application.status = locked.status
    for name, value in changes.items():
        setattr(application, name, value)
    return locked


def note(application: Application, action: str, *, by, comment: str = "",
         payload: dict | None = None) -> ApplicationEvent:
    """A timeline entry that changes no state (上传材料, 删除材料, 填写情况说明)."""
    return APPLICATION.note(application, action, by=by, reason=comment, payload=payload)


def created(application: Application, *, by) -> ApplicationEvent:
    """The first timeline entry of a new application (创建申报)."""
    return APPLICATION.start(application, by=by)
