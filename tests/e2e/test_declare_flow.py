"""Issue 3, Done when: in Chromium a demo applicant (包头市鹿城职业技能培训学校, app_baotou2) fills a
complete base application with two specialities and a complete studio application from empty,
sees the pre-check results, uploads materials and submits; 包头市's recommender returns the base
with comments; the unit sees them, fixes the section and resubmits."""

from decimal import Decimal

import pytest

from calls.choices import Category, ProjectKind
from catalog.models import Occupation
from declare.budget import compute_budget
from declare.demo import base as base_demo
from declare.demo import studio as studio_demo
from declare.models import Application, ApplicationStatus, EventAction, Section
from declare.schema import section_spec, sections_for
from orgs.models import Organisation

from .conftest import login
from .declare_forms import (
    create_application,
    file_titles,
    fill_budget,
    fill_section,
    open_section,
    pdf_bytes,
    png_bytes,
    save,
    set_row_count,
    type_section,
    upload,
)
from .quotas_pages import open_inbox

pytestmark = pytest.mark.e2e

UNIT = "包头市鹿城职业技能培训学校"
PNG, PDF = "image/png", "application/pdf"
BUDGET = {  # 万元, typed into 表4-2; every total and ratio is the page's (and server's) job
    "system": {"central": "80.50", "local": "30.00", "industry": "12.25", "other": "5.00"},
    "capacity": {"central": "120.00", "local": "36.40", "industry": "25.00", "other": "8.00"},
    "results": {"central": "35.00", "local": "10.00", "industry": "6.60", "other": "3.75"},
}
RETURN_COMMENT = "表4-2 成果经验一项中地方财政配套投入偏低，请与市财政局核实后修改。"


def base_values(unit) -> dict:
    values = base_demo.sections(unit.credit_code)
    values["cover"] = {**values["cover"], "filler": "杜文静"}
    values["t1_1"] = {**values["t1_1"], "unit_name": unit.name, "nature": "其它",
                      "nature_other": "民办职业培训学校", "website": ""}
    values["t4_2"] = {"budget": BUDGET}
    return values


def studio_values(unit) -> dict:
    values = studio_demo.sections()
    values["unit"] = {**values["unit"], "unit_name": unit.name, "nature": "民办职业培训机构"}
    return values


def stored(app_pk, key) -> dict:
    return Section.objects.get(application_id=app_pk, key=key).data


def page_outputs(page) -> dict:
    """The computed 表4-2 cells as the page shows them (no server round trip)."""
    return page.locator("table[data-budget] output").evaluate_all(
        "els => Object.fromEntries(els.map(e => [Object.entries(e.dataset)[0].join(':'),"
        " e.textContent.trim()]))")


def check_budget_in_page(page, shot):
    open_section(page, page.app_pk, "t4_2")
    # A negative amount is marked in the page and refused by the server at its cell.
    page.fill("[name='budget-system-central']", "-5")
    assert "bad-amount" in page.locator("[name='budget-system-central']").get_attribute("class")
    messages = save(page, expect_ok=False)
    assert "已保存草稿，有 1 处需修改" in messages
    cell = page.locator("td.has-error", has=page.locator("[name='budget-system-central']"))
    assert "金额不能为负数" in cell.inner_text()
    fill_budget(page, "budget", BUDGET)
    expected = compute_budget(BUDGET)
    shown = page_outputs(page)
    assert shown["rowTotal:total"] == str(expected["grand_total"])
    for row in expected["rows"]:
        assert shown[f"rowTotal:{row['key']}"] == str(row["total"])
        assert shown[f"totalRatio:{row['key']}"] == str(row["total_ratio"])
        for source in BUDGET["system"]:
            assert shown[f"ratio:{row['key']}-{source}"] == str(row["ratios"][source])
    assert Decimal(shown["rowTotal:total"]) == sum(
        Decimal(v) for row in BUDGET.values() for v in row.values())
    shot(page, "declare-base-budget")
    save(page)


def check_rows_added_and_removed(page, values):
    """表3-1-2: add a fourth row, type a stray row in the middle, delete it again."""
    spec = section_spec(ProjectKind.BASE, "t3_1_2")
    open_section(page, page.app_pk, "t3_1_2")
    wanted = values["system"]
    stray = {"item": "误填的一行", "year1": "误填", "year2": "误填"}
    type_section(page, spec, {**values, "system": [wanted[0], stray, *wanted[1:]]})
    rows = set_row_count(page, "system", len(wanted) + 1)
    rows.nth(1).locator("[data-remove-row]").click()
    assert rows.count() == len(wanted)
    assert page.locator("input[name='system-TOTAL']").input_value() == str(len(wanted))
    save(page)
    assert stored(page.app_pk, "t3_1_2")["system"] == wanted


def check_precheck_fails_then_passes(page, values, shot):
    too_small = {**values["eligibility"], "capacity": 1800}
    fill_section(page, page.app_pk, ProjectKind.BASE, "eligibility", too_small)
    page.goto(f"/declare/{page.app_pk}/precheck/")
    row = page.locator("tr[data-rule='base.capacity']")
    assert "finding-fail" in row.get_attribute("class")
    assert "1800" in row.inner_text()
    shot(page, "declare-base-precheck-fail")
    fill_section(page, page.app_pk, ProjectKind.BASE, "eligibility", values["eligibility"])


def fill_all(page, kind, values, skip=()):
    specs = sections_for(kind, 2)
    for spec in specs:
        if spec.key not in skip:
            fill_section(page, page.app_pk, kind, spec.key, values[spec.key])
    page.goto(f"/declare/{page.app_pk}/")
    assert f"已填完 {len(specs)} / {len(specs)} 个栏目（100%）" in page.content()


def precheck_passes(page, shot, name):
    page.goto(f"/declare/{page.app_pk}/precheck/")
    summary = page.locator("p.summary").inner_text()
    assert "不符合 0" in summary and "需说明 0" in summary, summary
    assert page.locator("tr.finding-pass").count() >= 5
    shot(page, name)


def submit(page, shot, name):
    page.goto(f"/declare/{page.app_pk}/submit/")
    assert page.locator("p.ready").count() == 1, page.locator(".submit-card").inner_text()
    with page.expect_navigation():
        page.click("button[name=_submit]")
    assert "申报已提交推荐单位" in page.locator(".messages").inner_text()
    shot(page, name)


def declare_base(page, unit, shot):
    page.app_pk = create_application(
        page, kind=ProjectKind.BASE, category=Category.MANUFACTURING, tier="A",
        occupations=base_demo.SPECIALITIES)
    values = base_values(unit)
    check_rows_added_and_removed(page, values["t3_1_2"])
    check_budget_in_page(page, shot)
    check_precheck_fails_then_passes(page, values, shot)
    fill_all(page, ProjectKind.BASE, values, skip=("t3_1_2", "t4_2", "eligibility"))
    shot(page, "declare-base-overview-complete")
    precheck_passes(page, shot, "declare-base-precheck")
    page.goto(f"/declare/{page.app_pk}/materials/")
    upload(page, "training_record", "2022-2024年培训工作开展情况.pdf", pdf_bytes(), PDF)
    upload(page, "evidence", "佐证一 设备清单.pdf", pdf_bytes(), PDF)
    upload(page, "evidence", "佐证二 实训室照片.png", png_bytes(), PNG)
    assert file_titles(page, "evidence") == ["佐证一 设备清单.pdf", "佐证二 实训室照片.png"]
    with page.expect_navigation():
        page.locator("#item-evidence li.file").nth(1).locator("button:has-text('上移')").click()
    assert file_titles(page, "evidence") == ["佐证二 实训室照片.png", "佐证一 设备清单.pdf"]
    shot(page, "declare-base-materials")
    submit(page, shot, "declare-base-submitted")
    return page.app_pk


def declare_studio(page, unit, shot):
    page.app_pk = create_application(
        page, kind=ProjectKind.STUDIO, category=Category.OTHER,
        occupations=[(studio_demo.OCCUPATION, studio_demo.WORK_TYPE)])
    fill_all(page, ProjectKind.STUDIO, studio_values(unit))
    assert len(stored(page.app_pk, "master")["members"]) == 4
    precheck_passes(page, shot, "declare-studio-precheck")
    page.goto(f"/declare/{page.app_pk}/materials/")
    upload(page, "id_card", "领办人身份证.png", png_bytes(), PNG)
    upload(page, "certificate", "高级技师证书.pdf", pdf_bytes(), PDF)
    upload(page, "query_screenshot", "技能人才工作网查询截图.png", png_bytes((120, 80)), PNG)
    upload(page, "host_statement", "依托单位情况说明.pdf", pdf_bytes(), PDF)
    shot(page, "declare-studio-materials")
    submit(page, shot, "declare-studio-submitted")
    return page.app_pk


def recommender_returns(browser, live_server, app_pk, shot):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai",
                                  viewport={"width": 1360, "height": 900},
                                  base_url=live_server.url)
    rec = context.new_page()
    login(rec, "rec_baotou")
    open_inbox(rec)
    rec.locator(f"tr[data-app='{app_pk}'] a:has-text('查看')").click()
    first = Occupation.objects.get(code=base_demo.SPECIALITIES[0][0]).name
    assert rec.locator("label", has_text=f"表3-1-1 {first}专业（职业）").count() == 1
    rec.fill("textarea[name=comments]", RETURN_COMMENT)
    rec.check("input[name=sections][value=t4_2]")
    shot(rec, "declare-recommender-return")
    with rec.expect_navigation():
        rec.click("button:has-text('退回修改')")
    assert "已将" in rec.locator(".messages").inner_text()
    assert rec.locator("#app-status").inner_text() == "退回修改"
    context.close()


def fix_and_resubmit(page, app_pk, shot):
    page.app_pk = app_pk
    page.goto(f"/declare/{app_pk}/")
    returned = page.locator("#workflow .returned")
    assert RETURN_COMMENT in returned.inner_text()
    shot(page, "declare-base-returned")
    returned.locator("a", has_text="表4-2").click()
    assert RETURN_COMMENT in page.locator("[data-revision-comments]").inner_text()
    page.fill("[name='budget-results-local']", "18.00")
    fixed = {**BUDGET, "results": {**BUDGET["results"], "local": "18.00"}}
    results = next(r for r in compute_budget(fixed)["rows"] if r["key"] == "results")
    assert page.locator("output[data-row-total='results']").inner_text() == str(results["total"])
    shot(page, "declare-base-section-with-comments")
    save(page)
    assert stored(app_pk, "t4_2")["budget"]["results"]["local"] == "18.00"
    submit(page, shot, "declare-base-resubmitted")
    app = Application.objects.get(pk=app_pk)
    assert app.status == ApplicationStatus.SUBMITTED and app.submitted_version == 2
    actions = list(app.events.order_by("created_at", "id").values_list("action", flat=True))
    assert actions.count(EventAction.SUBMIT) == 2 and EventAction.RETURN in actions
    page.goto(f"/declare/{app_pk}/timeline/")
    assert RETURN_COMMENT in page.content()


def test_applicant_declares_base_and_studio_and_resubmits_after_return(
        page, browser, live_server, demo, shot):
    unit = Organisation.objects.get(name=UNIT)
    login(page, "app_baotou2")
    base_pk = declare_base(page, unit, shot)
    studio_pk = declare_studio(page, unit, shot)
    assert set(Application.objects.filter(unit=unit).values_list("status", flat=True)) == {
        ApplicationStatus.SUBMITTED}
    recommender_returns(browser, live_server, base_pk, shot)
    fix_and_resubmit(page, base_pk, shot)
    assert Application.objects.get(pk=studio_pk).status == ApplicationStatus.SUBMITTED
