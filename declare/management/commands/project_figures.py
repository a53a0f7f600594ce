"""python manage.py project_figures — write the typed figures (表4-2 amounts, 年培训规模 and
the yearly training figures, the leader's level, 工作室面积) of every stored section again, as
the save service does on each save (declare.projection); for sections written around it (a
bulk seed, an import by SQL)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from declare.projection import backfill


class Command(BaseCommand):
    help = "按已保存的申报表内容重新写入统计用的数字（投入预算、培训规模、领办人等级、工作室面积）"

    def handle(self, *args, **opts):
        with transaction.atomic():
            count = backfill()
        self.stdout.write(f"已按 {count} 个栏目重新写入统计用数字。")
