from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups import services
from core.errors import DomainError


class Command(BaseCommand):
    help = "从备份恢复到空数据库与空文件存储：恢复前校验备份与清单，恢复后逐表核对行数、逐个核对文件摘要"

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="备份文件（.skbk）")

    def handle(self, *args, backup, **opts):
        try:
            restored = services.restore_backup(backup)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(restored.report()))
