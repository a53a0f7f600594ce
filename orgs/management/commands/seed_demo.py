"""Create the demo data set; idempotent; refuses to run with DEBUG off."""

from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

# Each app owns its demo data; later steps may use what earlier ones returned.
DEMO_STEPS = ["orgs.demo.seed", "calls.demo.seed", "declare.demo.seed", "quotas.demo.seed",
              "review.demo.seed", "review.demo_scoring.seed", "projects.demo.seed"]


class Command(BaseCommand):
    help = "载入演示数据（可重复执行；仅在 DEBUG 模式下可用）"

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true",
                            help="在非 DEBUG 环境中也执行（仅用于测试环境）")

    def handle(self, *args, force=False, **opts):
        if not settings.DEBUG and not force:
            raise CommandError("生产环境（DEBUG 关闭）不允许载入演示数据。")
        context: dict = {}
        with transaction.atomic():
            for dotted in DEMO_STEPS:
                if find_spec(dotted.rsplit(".", 1)[0]) is None:
                    continue  # that app has no demo data (yet)
                step = import_string(dotted)
                self.stdout.write(f"{dotted} …")
                context.update(step(self.stdout) or {})
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))
