"""Synthetic deadline-scale data for the benchmark; see bench/seeddata.py."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench import seeddata

# Tables a reset keeps: the schema's own bookkeeping and the occupation catalogue (loaded by a
# migration, not by the seed).
KEEP = {"django_migrations", "django_content_type", "auth_permission", "catalog_occupation"}


class Command(BaseCommand):
    help = "生成压测数据（--scale 1 ≈ 一个自治区一年：1000 份申报）；只用于压测数据库"

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0,
                            help="规模：1 = 16 个推荐单位、600 个申报单位、1000 份申报；10 = 10 倍")
        parser.add_argument("--reset", action="store_true",
                            help="先清空压测数据库（仅限名称含 bench 的数据库）")

    def handle(self, *args, scale=1.0, reset=False, **opts):
        if scale <= 0 or scale > 100:
            raise CommandError("--scale 须在 0 到 100 之间。")
        if reset:
            self._reset()
        started = time.monotonic()
        totals = seeddata.seed(scale, self.stdout)
        took = time.monotonic() - started
        summary = "，".join(f"{k} {v}" for k, v in totals.items()) or "无新增"
        self.stdout.write(self.style.SUCCESS(f"压测数据 scale={scale:g}：{summary}（{took:.1f} 秒）"))

    def _reset(self):
        name = connection.settings_dict["NAME"]
        if connection.vendor != "postgresql" or "bench" not in name:
            raise CommandError(f"--reset 会清空整个数据库，只允许用于压测数据库（当前：{name}）。")
        tables = [t for t in connection.introspection.table_names() if t not in KEEP]
        with connection.cursor() as cur:
            cur.execute("TRUNCATE " + ", ".join(connection.ops.quote_name(t) for t in tables)
                        + " RESTART IDENTITY CASCADE")
        self.stdout.write(f"已清空 {len(tables)} 张表。")
