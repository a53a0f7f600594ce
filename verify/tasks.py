"""Celery tasks: take ids, fetch, call one service."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from documents.tasks import run_with_retries

from . import scan
from .models import ScanStatus, SealedScan


def _fail(scan_id: int, message: str) -> None:
    SealedScan.objects.filter(pk=scan_id).exclude(status=ScanStatus.DONE).update(
        status=ScanStatus.FAILED, error=message[:300])


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, ignore_result=True,
             max_retries=3, name="verify.check_scan")
def check_scan(self, scan_id: int):
    run_with_retries(self, scan.check_scan, _fail, scan_id, scan.FAILED,
                     (OperationalError, InterfaceError))
