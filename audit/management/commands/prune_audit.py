from django.core.management.base import BaseCommand, CommandError
from django.db import DataError, connection, transaction
from django.utils import timezone

REFUSED = "22023"  # invalid_parameter_value: audit_prune() refused a retention below the minimum


class Command(BaseCommand):
    help = "删除早于保留期的审计日志（保留期不得少于183天，由数据库函数 audit_prune 检查）"

    def add_arguments(self, parser):
        parser.add_argument("--older-than-days", type=int, required=True)

    def handle(self, *args, older_than_days, **opts):
        # The app's role may not DELETE audit rows: the owner's function does it (issue 14 §3).
        if connection.vendor != "postgresql":
            raise CommandError("审计日志只能在 PostgreSQL 数据库上清理。")
        try:
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute("SELECT removed, cutoff FROM audit_prune(%s)", [older_than_days])
                removed, cutoff = cur.fetchone()
        except DataError as exc:
            if getattr(exc.__cause__, "sqlstate", None) != REFUSED:
                raise
            raise CommandError(exc.__cause__.diag.message_primary) from exc
        day = timezone.localtime(cutoff)
        self.stdout.write(f"已删除 {removed} 条 {day:%Y-%m-%d} 之前的审计日志。")
