"""python manage.py purge_uploads [--dry-run] — what the nightly beat task declare.purge_uploads
does, by hand: delete removed 申报材料 that no submitted version refers to, and files no
material refers to, once older than the grace period (declare.services.purge)."""

from django.core.management.base import BaseCommand

from declare.services.purge import grace, purge_uploads


class Command(BaseCommand):
    help = "删除已移除且未被任何提交版本引用的申报材料文件，以及无任何材料引用的文件（超过宽限期的）"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="只列出将删除的文件，不删除")

    def handle(self, *args, dry_run, **opts):
        purge = purge_uploads(dry_run=dry_run, via="manage.py purge_uploads")
        for name in purge.files:
            self.stdout.write(name)
        hours = int(grace().total_seconds() // 3600)
        verb = "将删除" if dry_run else "已删除"
        self.stdout.write(f"{verb} {len(purge.materials)} 个已移除且未被提交版本引用的材料文件、"
                          f"{len(purge.orphans)} 个无材料引用的文件（宽限期 {hours} 小时）"
                          + ("；试运行，未删除任何文件。" if dry_run else "。"))
