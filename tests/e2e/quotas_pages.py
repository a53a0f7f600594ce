"""Browser helpers for the recommender's pages (quotas): inbox rows, ranking order, the
推荐报告 form with its expert rows, the sealed scan upload and the contact person."""

from tests.test_uploads_samples import pdf_bytes

REPORT = {
    "procedure": "单位网上申报，市人社局资格审查，组织专家集中评审，结果公示，局党组会议研究确定推荐名单。",
    "method": "专家依据105号文件申报条件和评分要点独立打分，取平均分排序。",
    "notice_place": "包头市人力资源和社会保障局门户网站",
    "notice_result": "公示期满，无异议。",
    "objections": "公示期间未收到异议。",
    "meeting_conclusion": "同意按专家评审排序推荐四个培训基地建设项目。",
    "discipline_opinion": "驻局纪检监察组全程监督，未发现违规问题。",
}
DATES = {"notice_start": "2025-07-14", "notice_end": "2025-07-18", "meeting_date": "2025-07-22"}
EXPERT_UNITS = ["包头职业技术学院", "内蒙古第一机械集团", "包头钢铁（集团）有限责任公司",
                "内蒙古科技大学", "包头市技工学校", "北方重工集团", "包头轻工职业技术学院"]


def inbox_rows(page) -> list[int]:
    return [int(x) for x in page.locator("table.inbox tbody tr[data-app]").evaluate_all(
        "rows => rows.map(r => r.dataset.app)")]


def message_texts(page) -> list[str]:
    return page.locator(".messages li").all_inner_texts()


def ranking_order(page, kind) -> list[int]:
    return [int(x) for x in page.locator(
        f"section.rank-block[data-kind='{kind}'] tbody tr[data-app]").evaluate_all(
        "rows => rows.map(r => r.dataset.app)")]


def fill_report(page, shot):
    """三、推荐报告: every text, the dates, and an odd number of experts (at least the minimum)."""
    page.click("nav.tabs a:has-text('推荐报告')")
    for name, value in {**REPORT, **DATES}.items():
        page.fill(f"[name={name}]", value)
    rows = page.locator("#experts tbody tr.expert-row")
    wanted = max(rows.count(), 5)
    wanted += 1 - wanted % 2
    while rows.count() < wanted:
        page.click("#add-expert")
    for i in range(wanted):
        page.fill(f"[name=experts-{i}-name]", f"评审专家{i + 1}")
        page.fill(f"[name=experts-{i}-unit]", EXPERT_UNITS[i % len(EXPERT_UNITS)])
        page.fill(f"[name=experts-{i}-title]", "高级工程师" if i % 2 else "教授")
    shot(page, "quotas-report-form")
    with page.expect_navigation():
        page.click("button:has-text('保存推荐报告')")
    assert "推荐报告已保存。" in message_texts(page), message_texts(page)
    return wanted


def upload_scan(page, name: str, kind: str = "report"):
    form = page.locator("form.report-form")   # the scan is saved with the report's text
    form.locator("select[name=scan-kind]").select_option(kind)
    form.locator("input[name=scan-file]").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": pdf_bytes()})
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert any("已上传" in m for m in message_texts(page)), message_texts(page)


def register_contact(page, contact: dict):
    page.click("nav.tabs a:has-text('联系人')")
    for name, value in contact.items():
        page.fill(f"[name={name}]", value)
    with page.expect_navigation():
        page.click("button:has-text('登记联系人')")
    assert "联系人已登记。" in message_texts(page), message_texts(page)
    assert f"已登记：{contact['name']}" in page.locator("main, body").first.inner_text()


def open_inbox(page, year: int = 2025):
    """推荐工作 → the inbox of the `year` national call (the demo's recommenders also hold a
    package of the 2026 demonstration call, and 包头市 one of the 2025 自治区级 call in review, so
    /quotas/ lists them all)."""
    page.goto("/quotas/")
    if page.url.rstrip("/").endswith("/quotas"):   # the list of packages, not one inbox
        page.locator("tr", has_text=f"{year}年度国家级").get_by_role("link", name="进入初评").click()
        page.wait_for_load_state("networkidle")
