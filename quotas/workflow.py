"""The recommendation package's state machine (推荐材料, 105号 四(二)): submit to the region,
reopened by the region for correction, submitted again."""

from core.workflow import Action, Workflow

from .models import PackageAction, PackageEvent, PackageStatus

_S = PackageStatus
_A = PackageAction


def _timeline(package, name, *, by, before, after, reason, payload, label):
    return PackageEvent.objects.create(package=package, actor=by, action=name, comment=reason,
                                       payload=payload)


PACKAGE = Workflow("推荐材料", PackageStatus, [
    Action(_A.SUBMIT.value, _A.SUBMIT.label, (_S.DRAFT, _S.REOPENED), _S.SUBMITTED),
    Action(_A.REOPEN.value, _A.REOPEN.label, (_S.SUBMITTED,), _S.REOPENED),
], timeline=_timeline)
