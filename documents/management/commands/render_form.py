"""render_form APPLICATION_ID --format pdf --output PATH [--bundle]: 附件3/附件4 or the
print-ready bundle of one application, rendered in this process (for administrators/scripts)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from declare.models import Application
from documents import producers
from documents.bundle import BundleError


class Command(BaseCommand):
    help = "生成申报表（附件3/附件4）PDF，或加 --bundle 生成含目录和页码的打印合订本"

    def add_arguments(self, parser):
        parser.add_argument("application_id", type=int, help="申报的数据库编号")
        parser.add_argument("--format", default="pdf", choices=["pdf"], help="输出格式（pdf）")
        parser.add_argument("--output", required=True, help="输出文件路径")
        parser.add_argument("--bundle", action="store_true", help="生成打印合订本")

    def handle(self, *args, application_id, output, bundle=False, **opts):
        app = (Application.objects.select_related("call", "unit__parent")
               .filter(pk=application_id).first())
        if app is None:
            raise CommandError(f"申报 {application_id} 不存在。")
        try:
            data = producers.bundle_pdf(app) if bundle else producers.form_pdf(app)
        except BundleError as exc:
            raise CommandError(str(exc)) from exc
        Path(output).write_bytes(data)
        what = "打印合订本" if bundle else producers.FORM_NAMES[app.kind][0]
        self.stdout.write(self.style.SUCCESS(f"已生成 {app.reference} {what}：{output}"
                                             f"（{len(data)} 字节）"))
