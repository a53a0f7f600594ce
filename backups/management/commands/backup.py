from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups import services
from core.errors import DomainError


class Command(BaseCommand):
    help = "备份：数据库（pg_dump 自定义格式）、全部私有文件与清单，加密写入 BACKUP_DIR，并按保留策略清理"

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, help="写入此目录（默认 BACKUP_DIR）")

    def handle(self, *args, dir=None, **opts):
        try:
            made = services.make_backup(directory=dir)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        m = made.manifest
        self.stdout.write(self.style.SUCCESS(
            f"备份完成：{made.path}（{made.path.stat().st_size} 字节）；数据库 "
            f"{len(m['database']['tables'])} 张表 {m['database']['rows']} 行，文件 "
            f"{len(m['files'])} 个。"))
        if made.copied_to:
            self.stdout.write(f"异地副本：{made.copied_to}")
        for path in made.pruned:
            self.stdout.write(f"按保留策略删除：{path}")
