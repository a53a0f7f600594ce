from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

MIN_RETENTION_DAYS = 183  # 等保2.0: audit records kept at least 6 months


class Command(BaseCommand):
    help = "删除早于保留期的审计日志（保留期不得少于183天）"

    def add_arguments(self, parser):
        parser.add_argument("--older-than-days", type=int, required=True)

    def handle(self, *args, older_than_days, **opts):
        if older_than_days < MIN_RETENTION_DAYS:
            raise CommandError(f"审计日志至少保留{MIN_RETENTION_DAYS}天（6个月）。")
        cutoff = timezone.now() - timedelta(days=older_than_days)
        with transaction.atomic(), connection.cursor() as cur:
            if connection.vendor == "postgresql":
                # The append-only trigger allows deletes only inside this flagged transaction.
                cur.execute("SET LOCAL audit.allow_prune = 'on'")
            cur.execute("DELETE FROM audit_auditlog WHERE created_at < %s", [cutoff])
            self.stdout.write(f"已删除 {cur.rowcount} 条 {cutoff:%Y-%m-%d} 之前的审计日志。")
