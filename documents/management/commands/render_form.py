"""render_form APPLICATION_ID --format pdf --output PATH [--bundle]: 附件3/附件4 or the
print-ready bundle of one application, rendered in this process (for administrators/scripts)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError
from declare.models import Application
from documents import producers


def write_output(output: str, data: bytes) -> None:
    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        raise CommandError(f"无法写入输出文件“{output}”，请检查目录是否存在、是否有写权限。"
                           ) from exc


class Command(BaseCommand):
    help = "生成申报表（附件3/附件4）PDF，或加 --bundle 生成含目录和页码的打印合订本"

    def add_arguments(self, parser):
        parser.add_argument("application_id", help="申报的数据库编号")
        parser.add_argument("--format", default="pdf", help="输出格式（pdf）")
        parser.add_argument("--output", required=True, help="输出文件路径")
        parser.add_argument("--bundle", action="store_true", help="生成打印合订本")

    def handle(self, *args, application_id, output, bundle=False, **opts):
        # checked here rather than by argparse (type/choices) so every error is in Chinese
        if opts.get("format") != "pdf":
            raise CommandError(f"格式“{opts.get('format')}”无效，目前只支持 pdf。")
        if not str(application_id).isdecimal():
            raise CommandError(f"申报编号“{application_id}”无效，请填写申报的数据库编号（数字）。")
        app = (Application.objects.select_related("call", "unit__parent")
               .filter(pk=int(application_id)).first() if int(application_id) < 2**63 else None)
        if app is None:
            raise CommandError(f"申报 {application_id} 不存在。")
        try:
            data = producers.bundle_pdf(app) if bundle else producers.form_pdf(app)
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        write_output(output, data)
        what = "打印合订本" if bundle else producers.FORM_NAMES[app.kind][0]
        self.stdout.write(self.style.SUCCESS(f"已生成 {app.reference} {what}：{output}"
                                             f"（{len(data)} 字节）"))
