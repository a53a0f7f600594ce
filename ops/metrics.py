"""Prometheus metrics (issue 19 §6) at /metrics.

Per request (ops.middleware.RequestLogMiddleware): latency per view and method, and errors (4xx,
5xx) per view and status. Under gunicorn every worker process writes its own values to
PROMETHEUS_MULTIPROC_DIR (prometheus_client's multiprocess mode, chosen by that environment
variable at start) and a scrape adds them up.

At scrape, from the database and the disks, so every process answers the same: the render
queue (depth and the age of the oldest waiting job), failed logins of the last 15 minutes
(the audit log), accounts locked now (django-axes and the second factor), disk use, and the age
of the newest backup under BACKUP_DIR, and the Celery workers alive (their heartbeat)."""

import time
from datetime import timedelta
from pathlib import Path

from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count, Min
from django.utils import timezone
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from redis.exceptions import RedisError

from audit.models import AuditAction, AuditLog
from backups.retention import archives
from documents.models import RenderJob, RenderStatus
from orgs.models import AccountState

from . import heartbeat
from .checks import disk_usage

LOGIN_WINDOW = timedelta(minutes=15)
REQUESTS = CollectorRegistry()
LATENCY = Histogram("skill_http_request_duration_seconds", "请求耗时（秒），按视图与方法",
                    ["view", "method"], registry=REQUESTS,
                    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
ERRORS = Counter("skill_http_errors", "4xx/5xx 响应数，按视图与状态码", ["view", "status"],
                 registry=REQUESTS)


def observe(view: str, method: str, status: int, seconds: float) -> None:
    LATENCY.labels(view, method).observe(seconds)
    if status >= 400:
        ERRORS.labels(view, str(status)).inc()


def _gauge(name, text, value, labels=None):
    family = GaugeMetricFamily(name, text, labels=list(labels or {}))
    family.add_metric(list((labels or {}).values()), value)
    return family


def render_queue():
    rows = {r["status"]: r for r in RenderJob.objects.filter(
        status__in=(RenderStatus.QUEUED, RenderStatus.RUNNING)).values("status").annotate(
        n=Count("id"), oldest=Min("created_at")).order_by()}
    now = timezone.now()
    depth = GaugeMetricFamily("skill_render_jobs", "未完成的文档生成任务数", labels=["status"])
    age = GaugeMetricFamily("skill_render_job_oldest_age_seconds",
                            "最早一个未完成的文档生成任务已等待的秒数", labels=["status"])
    for status in (RenderStatus.QUEUED, RenderStatus.RUNNING):
        row = rows.get(status, {"n": 0, "oldest": None})
        depth.add_metric([status], row["n"])
        age.add_metric([status], (now - row["oldest"]).total_seconds() if row["oldest"] else 0)
    return [depth, age]


def logins():
    now = timezone.now()
    failed = AuditLog.objects.filter(action=AuditAction.LOGIN_FAILED,
                                     created_at__gte=now - LOGIN_WINDOW).count()
    password = AccessAttempt.objects.filter(
        failures_since_start__gte=get_failure_limit(None, None),
        attempt_time__gte=now - (get_cool_off() or timedelta(days=36500))).count()
    totp = AccountState.objects.filter(totp_locked_until__gt=now).count()
    locked = GaugeMetricFamily("skill_accounts_locked", "当前被锁定的账号数", labels=["reason"])
    locked.add_metric(["password"], password)
    locked.add_metric(["totp"], totp)
    return [_gauge("skill_login_failures_15m", "最近15分钟登录失败次数（审计日志）", failed), locked]


def disks():
    used = GaugeMetricFamily("skill_disk_used_ratio", "磁盘已用比例", labels=["path"])
    for label, usage in disk_usage().items():
        used.add_metric([label], usage.used / usage.total)
    return [used]


def backup_age():
    """Seconds since the newest complete archive in BACKUP_DIR was made (-1: none yet), by the
    backups app's own reading of its archives (a .partial file is not one)."""
    found = archives(Path(settings.BACKUP_DIR))
    age = time.time() - found[0][0].timestamp() if found else -1
    return [_gauge("skill_backup_age_seconds", "最近一次备份距今秒数（-1：尚无备份）", age)]


def workers():
    """Celery workers whose heartbeat is fresh (ops/heartbeat.py); absent without Redis."""
    if not settings.REDIS_URL:
        return []
    try:
        alive = heartbeat.alive(settings.REDIS_URL)
    except RedisError:
        alive = 0  # Redis down: no worker can take a job either
    return [_gauge("skill_celery_workers_alive", "心跳正常的 Celery 工作进程数", alive)]


class ScrapeCollector:
    def collect(self):
        for part in (render_queue, logins, disks, backup_age, workers):
            yield from part()


def exposition() -> bytes:
    if settings.PROMETHEUS_MULTIPROC_DIR:
        requests = CollectorRegistry()
        MultiProcessCollector(requests, path=settings.PROMETHEUS_MULTIPROC_DIR)
    else:
        requests = REQUESTS
    scrape = CollectorRegistry()
    scrape.register(ScrapeCollector())
    return generate_latest(requests) + generate_latest(scrape)
