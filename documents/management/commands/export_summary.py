"""export_summary --call CALL --kind base|studio [--recommender CODE] --format xlsx|pdf
--output PATH: 附件2-1/2-2 of one recommender, or (xlsx, no --recommender) the all-region
workbook. Rows come from quotas.selectors.annex2_rows (ranking order)."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from calls.models import Call
from documents import producers
from documents.management.commands.render_form import write_output

KINDS = ("base", "studio")
FORMATS = ("xlsx", "pdf")


def find_call(value: str) -> Call:
    query = Q(doc_number=value) | (Q(pk=int(value)) if value.isdecimal() else Q(pk__in=[]))
    call = Call.objects.filter(query).first()
    if call is None:
        raise CommandError(f"申报批次“{value}”不存在（请填写编号或文号）。")
    return call


def find_recommender(call: Call, value: str):
    match = (Q(division_code=value) | Q(short_name=value) | Q(name=value)
             | (Q(pk=int(value)) if value.isdecimal() else Q(pk__in=[])))
    found = list(call.recommenders.filter(match)[:2])
    if len(found) != 1:
        raise CommandError(f"推荐单位“{value}”不是本批次的推荐单位或不唯一。")
    return found[0]


class Command(BaseCommand):
    help = "导出申报情况汇总表（附件2-1/附件2-2），Excel 或 PDF"

    def add_arguments(self, parser):
        parser.add_argument("--call", required=True, help="申报批次编号或文号")
        parser.add_argument("--kind", required=True, help="base（培训基地）或 studio（工作室）")
        parser.add_argument("--recommender", default="",
                            help="推荐单位（行政区划代码、简称或名称）；不填则导出全区汇总（按附件1顺序，每个推荐单位一表）")
        parser.add_argument("--format", dest="fmt", default="xlsx", help="xlsx 或 pdf")
        parser.add_argument("--output", required=True, help="输出文件路径")

    def handle(self, *args, call, kind, recommender, fmt, output, **opts):
        # checked here, not with argparse choices, so the error is in Chinese
        if kind not in KINDS:
            raise CommandError(f"项目类型“{kind}”无效，请填写 base（培训基地）或 studio（工作室）。")
        if fmt not in FORMATS:
            raise CommandError(f"格式“{fmt}”无效，请填写 xlsx 或 pdf。")
        the_call = find_call(call)
        rec = find_recommender(the_call, recommender) if recommender else None
        data, _name = producers.summary_file(the_call, rec, kind, fmt)
        write_output(output, data)
        self.stdout.write(self.style.SUCCESS(f"已导出：{output}（{len(data)} 字节）"))
