"""推荐顺序: reorder the recommended applications of one kind (the order 附件2 and the region see)."""

from django.db import transaction
from django.utils import timezone

from core.errors import DomainError

from ..models import PackageAction, Recommendation
from ._common import check_editable, check_recommender, lock_package
from .decisions import ensure_package


def move(application, *, by, step: int, now=None) -> int:
    """Move an application one place up (step −1) or down (+1); returns its new rank.

    The two ranks are swapped inside one transaction; the unique (package, kind, rank)
    constraint is deferred to the commit for exactly this.
    """
    if step not in (-1, 1):
        raise DomainError("只能上移或下移一位。")
    now = now or timezone.now()
    with transaction.atomic():
        package = lock_package(ensure_package(application.call, application.unit.parent))
        check_recommender(by, package)
        check_editable(package, now)
        rec = Recommendation.objects.filter(package=package, application=application).first()
        if rec is None:
            raise DomainError("只有已推荐的申报才能调整推荐顺序。")
        other = Recommendation.objects.filter(package=package, kind=rec.kind,
                                              rank=rec.rank + step).first()
        if other is None:
            raise DomainError("已在最前，不能再上移。" if step < 0 else "已在最后，不能再下移。")
        old = rec.rank
        rec.rank, other.rank = other.rank, rec.rank
        rec.save(update_fields=["rank"])
        other.save(update_fields=["rank"])
        package.events.create(actor=by, action=PackageAction.RANK, application=application,
                              payload={"from": old, "to": rec.rank})
    return rec.rank
