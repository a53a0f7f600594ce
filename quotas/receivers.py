"""Every (call, recommender) pair has its 推荐材料 package from the moment the recommender is
added to the call, so that reading pages (inbox, package, region overview) never write."""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from calls.models import Call
from calls.signals import call_copied, readiness
from orgs.models import Organisation

from .services.decisions import ensure_package


@receiver(m2m_changed, sender=Call.recommenders.through, dispatch_uid="quotas_packages")
def packages_for_recommenders(sender, instance, action, reverse, pk_set, **kwargs):
    if action != "post_add" or not pk_set:
        return
    if reverse:  # organisation.calls.add(call, …)
        for call in Call.objects.filter(pk__in=pk_set):
            ensure_package(call, instance)
    else:
        for recommender in Organisation.objects.filter(pk__in=pk_set):
            ensure_package(instance, recommender)


@receiver(call_copied, sender=Call, dispatch_uid="quotas_copy_call")
def copy_quotas(sender, source, copy, **kwargs):
    """附件1 of the copied call: the same 推荐名额, ready to edit."""
    from .models import Quota

    Quota.objects.bulk_create([Quota(call=copy, recommender_id=q.recommender_id, kind=q.kind,
                                     amount=q.amount)
                               for q in Quota.objects.filter(call=source)])


@receiver(readiness, sender=Call, dispatch_uid="quotas_readiness")
def quotas_missing(sender, call, **kwargs) -> list[str]:
    """Every recommender has its 推荐名额 (附件1) for every kind the call offers."""
    from calls.choices import ProjectKind

    from .models import Quota

    have = set(Quota.objects.filter(call=call).values_list("recommender_id", "kind"))
    missing = [f"{r.label}（{ProjectKind(kind).label}）"
               for r in call.recommenders.order_by("kind", "division_code", "name")
               for kind in call.kinds if (r.pk, kind) not in have]
    if not missing:
        return []
    more = f"等{len(missing)}项" if len(missing) > 5 else ""
    return [f"附件1 推荐名额未设置：{'、'.join(missing[:5])}{more}。"]
