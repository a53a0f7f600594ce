"""Every (call, recommender) pair has its 推荐材料 package from the moment the recommender is
added to the call, so that reading pages (inbox, package, region overview) never write."""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from calls.models import Call
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
