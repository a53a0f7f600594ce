"""Celery tasks of the declaration: take ids (or nothing), call one service."""

from celery import shared_task

from .services import purge


@shared_task(ignore_result=True, name="declare.purge_uploads")
def purge_uploads() -> int:
    """Beat: delete the removed uploads that nothing refers to any more."""
    return len(purge.purge_uploads(via="beat").files)
