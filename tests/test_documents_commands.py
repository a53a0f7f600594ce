"""The management commands of issue 9 item 7, through call_command: render_form (附件3/4 PDF and
the --bundle) and export_summary (xlsx/pdf) write real files; bad input gives a Chinese
CommandError, never a traceback."""

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook
from pypdf import PdfReader

from calls.choices import ProjectKind
from quotas import services

from .quotas_support import submitted_application
from .test_declare_workflow_builders import complete_application

pytestmark = pytest.mark.django_db
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def run(*args, **kw) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, **kw)
    return out.getvalue()


def pdf_pages(path) -> int:
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    return len(PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def app(call, unit_a, alice):
    return complete_application(call=call, unit=unit_a, by=alice)


def test_render_form_writes_the_annex3_pdf(app, tmp_path):
    out = tmp_path / "附件3.pdf"
    message = run("render_form", str(app.pk), "--format", "pdf", "--output", str(out))
    assert pdf_pages(out) >= 5
    assert f"已生成 {app.reference} 附件3" in message and str(out) in message


def test_render_form_bundle_has_more_pages_than_the_form(app, tmp_path):
    form, bundle = tmp_path / "form.pdf", tmp_path / "bundle.pdf"
    run("render_form", app.pk, "--output", str(form))
    message = run("render_form", app.pk, "--format", "pdf", "--output", str(bundle), "--bundle")
    assert "打印合订本" in message
    assert pdf_pages(bundle) > pdf_pages(form) + 1  # cover + form + 目录 + materials


@pytest.mark.parametrize(("args", "message"), [
    (("999999",), "申报 999999 不存在。"),
    (("abc",), "申报编号“abc”无效"),
    (("-1",), "申报编号“-1”无效"),
    (("99999999999999999999999",), "不存在"),
    (("1", "--format", "docx"), "格式“docx”无效"),
])
def test_render_form_bad_input_is_a_chinese_command_error(db, tmp_path, args, message):
    out = tmp_path / "x.pdf"
    with pytest.raises(CommandError, match=re.escape(message)):
        run("render_form", *args, "--output", str(out))
    assert not out.exists()


def test_render_form_unwritable_output_is_a_chinese_command_error(app, tmp_path):
    with pytest.raises(CommandError) as err:
        run("render_form", app.pk, "--output", str(tmp_path / "无此目录" / "x.pdf"))
    assert "无法写入输出文件" in str(err.value)


@pytest.fixture
def recommended(call, unit_a, unit_b, recommender_x, rex):
    apps = [submitted_application(call=call, unit=unit_a),
            submitted_application(call=call, unit=unit_b),
            submitted_application(call=call, unit=unit_a, kind=ProjectKind.STUDIO)]
    for a in apps:
        services.recommend(a, by=rex)
    return apps


def test_export_summary_xlsx_of_one_recommender(call, recommender_x, recommended, tmp_path):
    out = tmp_path / "附件2-1.xlsx"
    message = run("export_summary", "--call", str(call.pk), "--kind", "base", "--recommender",
                  recommender_x.short_name, "--format", "xlsx", "--output", str(out))
    assert "已导出" in message
    ws = load_workbook(out).active
    assert ws["A1"].value == "附件2-1"
    units = [ws.cell(r, 2).value for r in range(5, 7)]
    assert sorted(units) == ["甲市第一技师学院", "甲市第二职业培训学校"]


def test_export_summary_all_region_xlsx_and_studio_pdf(call, recommender_x, recommended,
                                                       tmp_path):
    region = tmp_path / "全区.xlsx"
    run("export_summary", "--call", str(call.pk), "--kind", "base", "--format", "xlsx",
        "--output", str(region))
    wb = load_workbook(region)
    assert wb.sheetnames[0] == "汇总" and len(wb.sheetnames) == 1 + call.recommenders.count()
    pdf = tmp_path / "附件2-2.pdf"
    run("export_summary", "--call", str(call.pk), "--kind", "studio", "--recommender",
        recommender_x.name, "--format", "pdf", "--output", str(pdf))
    assert pdf_pages(pdf) >= 1


@pytest.mark.parametrize(("args", "message"), [
    (("--call", "{call}", "--kind", "bogus"), "项目类型“bogus”无效"),
    (("--call", "{call}", "--kind", "base", "--format", "csv"), "格式“csv”无效"),
    (("--call", "无此批次", "--kind", "base"), "申报批次“无此批次”不存在"),
    (("--call", "99999999999999999999999", "--kind", "base"), "不存在"),
    (("--call", "{call}", "--kind", "base", "--recommender", "丙市"), "推荐单位“丙市”不是本批次"),
])
def test_export_summary_bad_input_is_a_chinese_command_error(call, tmp_path, args, message):
    out = tmp_path / "x.xlsx"
    args = [a.format(call=call.pk) for a in args]
    with pytest.raises(CommandError, match=re.escape(message)) as err:
        run("export_summary", *args, "--output", str(out))
    assert CHINESE.search(str(err.value))
    assert not out.exists()
