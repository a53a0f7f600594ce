"""The statistics page's cache key: one token per call, replaced whenever anything the figures
are made from is saved or deleted (an application, a score sheet, a panel). Reading it is one
cache lookup, no SQL. A token that is missing (Redis restarted, key evicted) is replaced by a
new one, so a stale entry is never found again; with Redis down nothing is cached at all."""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from declare.models import Application

from .models import Panel, ScoreSheet

TOKEN_TTL = 24 * 3600


def _token_key(call_id) -> str:
    return f"review:stats-token:{call_id}"


def token(call_id) -> str:
    value = cache.get(_token_key(call_id))
    if value is None:
        value = uuid.uuid4().hex
        if not cache.add(_token_key(call_id), value, TOKEN_TTL):
            value = cache.get(_token_key(call_id)) or value
    return value


def changed(call_id) -> None:
    """Figures of `call_id` are out of date (after the transaction commits, so a reader cannot
    cache the old figures under the new token)."""
    if call_id is None:
        return
    transaction.on_commit(lambda: cache.set(_token_key(call_id), uuid.uuid4().hex, TOKEN_TTL))


@receiver([post_save, post_delete], sender=Application, dispatch_uid="stats-application")
def _application_changed(sender, instance, **kwargs):
    changed(instance.call_id)


@receiver([post_save, post_delete], sender=Panel, dispatch_uid="stats-panel")
def _panel_changed(sender, instance, **kwargs):
    changed(instance.call_id)


@receiver([post_save, post_delete], sender=ScoreSheet, dispatch_uid="stats-sheet")
def _sheet_changed(sender, instance, **kwargs):
    panel_call = (Panel.objects.filter(assignments__pk=instance.assignment_id)
                  .values_list("call_id", flat=True).first())
    changed(panel_call)
