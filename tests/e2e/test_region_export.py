"""Issue 18 §9 (the all-region 附件2): the reviewer walks from the home page to the region's
推荐报送情况 page by clicking, presses 导出全区汇总表（Excel） and （PDF）, lands on the job page
and downloads each: the workbook's sheets and the PDF's sections in 附件1's order."""

import io
import subprocess

import pytest
from openpyxl import load_workbook

from calls.demo import ANNEX1
from calls.models import Call
from orgs.demo import DIRECT_UNITS

from .conftest import login

pytestmark = pytest.mark.e2e


def open_region_page(page):
    page.goto("/")
    page.locator("nav").get_by_role("link", name="推荐报送情况").click()
    if page.get_by_role("heading", name="推荐报送情况", exact=True).count():  # several calls: pick 105号
        page.get_by_role("link", name="2025年度国家级").first.click()
    assert page.get_by_role("heading", name="各推荐单位报送情况").is_visible()


def export(page, kind_label, fmt, tmp_path, name):
    form = page.locator("form.region-export", has_text=kind_label)
    form.get_by_role("button", name=f"导出全区汇总表（{fmt}）").click()
    assert "/documents/jobs/" in page.url
    with page.expect_download() as info:
        page.click("#job-download")
    path = tmp_path / name
    info.value.save_as(path)
    return path


def test_reviewer_exports_the_all_region_annex2_from_the_region_page(demo, page, tmp_path, shot,
                                                                    celery_eager):
    page.set_default_timeout(120_000)  # the render runs in the request here (celery_eager)
    login(page, "reviewer")
    open_region_page(page)
    shot(page, "region-export-buttons")
    call = Call.objects.get(doc_number="内人社办发〔2025〕105号")
    order = [*ANNEX1, *(short for _name, short, _login in DIRECT_UNITS)]
    names = {r.short_name: r.name for r in call.recommenders.all()}

    xlsx = export(page, "附件2-1", "Excel", tmp_path, "region.xlsx")
    wb = load_workbook(io.BytesIO(xlsx.read_bytes()))
    assert wb.sheetnames[0] == "汇总"
    firsts = [ws["A3"].value for ws in wb.worksheets[1:]]
    assert firsts == [f"推荐单位：{names[short]}" for short in order]

    page.go_back()
    page.go_back()
    open_region_page(page)
    pdf = export(page, "附件2-1", "PDF", tmp_path, "region.pdf")
    shot(page, "region-export-job")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.split("\f")
    starts = [next(i for i, t in enumerate(pages) if f"推荐单位：{names[short]}" in t)
              for short in order]
    assert starts == sorted(starts) and len(set(starts)) == len(order)  # own pages, in order
