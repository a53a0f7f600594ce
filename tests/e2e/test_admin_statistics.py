"""Issue 18 §9 in the browser: the demo administrator walks from the home page to the region
pages, the statistics of the 2025 call and its exports (a second factor at login, the
personal-data export asks for none again within 15 minutes), every export logged."""

import io

import pytest
from openpyxl import load_workbook

from audit.models import AuditAction, AuditLog
from calls.models import Call

from .conftest import login

pytestmark = pytest.mark.e2e


def _download(page, name: str):
    with page.expect_download() as info:
        page.get_by_role("link", name=name).click()
    download = info.value
    with open(download.path(), "rb") as fh:
        return download.suggested_filename, load_workbook(io.BytesIO(fh.read()))


def test_admin_walks_from_home_to_the_statistics_and_exports(page, demo, shot):
    call = Call.objects.get(doc_number="内人社办发〔2025〕105号")
    login(page, "admin")
    card = page.locator("section.card[data-role='系统管理员']")
    assert card.get_by_role("link", name="报送情况").count() == 1

    card.get_by_role("link", name="报送情况").click()
    page.wait_for_load_state("networkidle")
    # the list of the issuer's calls (2025 and the 2026 demonstration): choose 2025
    page.get_by_role("link", name=str(call)).click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/quotas/region/{call.pk}/")
    assert "包头市" in page.content()
    assert "批准延期" not in page.content()   # the administrator reads, the reviewer acts
    shot(page, "admin-region")

    page.goto("/")
    page.locator("section.card[data-role='系统管理员']").get_by_role(
        "link", name="复审与统计").click()
    page.wait_for_load_state("networkidle")
    page.locator("tr", has_text=call.doc_number).get_by_role("link", name="进入复审").click()
    page.wait_for_load_state("networkidle")
    page.locator("nav.rv-subnav").get_by_role("link", name="统计").click()
    page.wait_for_load_state("networkidle")
    assert "统计 ·" in page.locator("h1").inner_text()
    assert "导出（Excel）" in page.content()
    shot(page, "admin-stats")

    name, wb = _download(page, "导出专家评分及评审意见")
    assert name == "2025年度专家评分及评审意见.xlsx"
    assert "项目汇总" in wb.sheetnames
    head = [c.value for c in wb["项目汇总"][1]]
    assert "去极值平均分" in head

    name, wb = _download(page, "导出推荐单位联系人")
    rows = list(wb.active.iter_rows(min_row=2, values_only=True))
    assert len(rows) == call.recommenders.count()

    exports = AuditLog.objects.filter(action=AuditAction.EXPORT, actor_name="admin")
    assert exports.count() == 2
