"""Browser journey (issue 5): an Ordos city-level studio from approval through a leader change
to acceptance, and its plaque PDF.

The approved state is built through the services (declare → 旗区 recommend → city review and
decision, tests/test_projects_city_support.py); every step after approval goes through the
browser as the unit (app_dongsheng1) and the city bureau (reviewer_ordos) take it.
"""

import re
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from calls.choices import ProjectKind
from core.dates import add_months, add_years
from declare.schema import chinese_date
from projects.models import Ban, Project
from projects.services import report_progress

from ..test_declare_workflow_builders import complete_application
from ..test_projects_city_support import (
    LEADER,
    PLAN,
    STUDIO_CODE,
    approved_city_studio,
    demo_user,
    ordos_cast,
)
from ..test_projects_support import pdf_bytes
from .conftest import login

pytestmark = pytest.mark.e2e
UNIT = "鄂尔多斯市东胜区职业技能培训学校"
NEW_LEADER = "乌云其其格"
CERTIFICATE = "S" + "1" * 21


def as_user(page, username):
    page.context.clear_cookies()
    login(page, username)


def pdf_file(name):
    return {"name": name, "mimeType": "application/pdf", "buffer": pdf_bytes()}


def status_of(page) -> str:
    return page.locator("#project-status").inner_text()


def submit(page, label):
    page.get_by_role("button", name=label).click()
    page.wait_for_load_state("networkidle")


def open_project(page, app):
    """The bureau opens the approved application as a project (立项) with the funds released."""
    page.goto("/projects/")
    page.get_by_role("link", name=re.compile("^待立项")).click()
    page.locator("table.awaiting tr", has_text=app.reference).get_by_role("link",
                                                                          name="立项").click()
    assert "留空按本批次补助标准：5.00 万元" in page.locator("[data-field=amount]").inner_text()
    page.select_option("select[name=source]", "employment")
    page.fill("input[name=released_on]", f"{timezone.localdate():%Y-%m-%d}")
    submit(page, "确定立项")


def report_and_spend(page, shot):
    """The unit reports progress with evidence; a travel fee is refused, a supply is booked."""
    page.locator("table.milestones").get_by_role("link", name="报告进展").first.click()
    page.fill("textarea[name=text]", "已带徒8名，完成传统图案数字化采集120幅。")
    page.set_input_files("input[name=evidence]", pdf_file("带徒协议.pdf"))
    submit(page, "提交")
    assert "建设进展已报告" in page.locator("ul.messages").inner_text()
    page.get_by_role("link", name=re.compile("支出明细")).click()
    page.select_option("select[name=purpose]", "travel")
    page.select_option("select[name=source]", "central")
    page.fill("input[name=amount]", "0.80")
    page.fill("input[name=description]", "赴外地交流差旅")
    submit(page, "登记")
    error = page.locator("[data-field=purpose] .errorlist").inner_text()
    assert "建设项目资金不得用于差旅费等与项目资金使用范围无关的其他支出" in error
    shot(page, "project-spending-travel-refused")
    page.select_option("select[name=purpose]", "supplies")
    page.fill("input[name=description]", "地毯织机及羊毛纱线")
    submit(page, "登记")
    assert "支出已登记" in page.locator("ul.messages").inner_text()


def request_leader_change(page, shot):
    """The leader retires; a 技师 successor is refused, a 高级技师 is filed with proof."""
    page.get_by_role("link", name="申请工作室领办人变更").click()
    page.select_option("select[name=leaving]", "retired")
    page.fill("input[name=new_leader_name]", NEW_LEADER)
    page.select_option("select[name=new_leader_level]", "2")
    page.fill("input[name=new_leader_certificate]", CERTIFICATE)
    page.fill("textarea[name=reason]", f"原领办人{LEADER}已于本年退休。")
    page.set_input_files("input[name=document]", pdf_file("退休证明.pdf"))
    submit(page, "提交变更申请")
    error = page.locator("[data-field=new_leader_level] .errorlist").inner_text()
    assert "新领办人应具备一级/高级技师及以上职业技能等级" in error
    shot(page, "project-leader-change-refused")
    page.select_option("select[name=new_leader_level]", "1")
    page.set_input_files("input[name=document]", pdf_file("退休证明.pdf"))
    submit(page, "提交变更申请")
    assert "变更申请已提交，待核准" in page.locator("ul.messages").inner_text()
    assert "待核准" in page.locator("table.changes").inner_text()


def approve_leader_change(page, shot):
    page.locator("table.changes a").first.click()
    assert f"{NEW_LEADER}（一级/高级技师，证书编号 {CERTIFICATE}）" in page.content()
    assert page.locator("a", has_text="退休证明.pdf").count() == 1
    page.check("input[name=approve][value=yes]")
    page.fill("textarea[name=comment]", "新领办人符合技能大师条件，同意变更。")
    shot(page, "project-leader-change-decision")
    submit(page, "保存核准结论")
    assert "已核准变更" in page.locator("ul.messages").inner_text()
    assert page.locator("#leader").inner_text() == f"{NEW_LEADER}（一级/高级技师）"
    history = page.locator("table.changes tbody tr").first.locator("td").all_inner_texts()
    assert history[1:] == ["工作室领办人变更", LEADER, f"{NEW_LEADER}（一级/高级技师）", "已核准"]


def decide_acceptance(page):
    page.get_by_role("link", name="验收", exact=True).click()
    page.check("input[name=passed][value=yes]")
    page.fill("textarea[name=findings]", "带徒、图库和交流活动均已完成，资金使用规范，验收合格。")
    submit(page, "保存验收结论")
    assert "验收合格，已向社会公布并颁发牌匾" in page.locator("ul.messages").inner_text()


def check_plaque(page, tmp_path, project):
    # The render job makes the plaque (documents, cached by content); its page links the file.
    page.get_by_role("button", name="下载牌匾证书（PDF）").click()
    with page.expect_download() as info:
        page.click("#job-download")
    download = info.value
    assert download.suggested_filename == f"plaque-{project.plaque_number}.pdf"
    pdf = tmp_path / "plaque.pdf"
    download.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")
    info_text = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                               check=True).stdout
    assert re.search(r"^Pages:\s+1$", info_text, re.M)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout.replace(" ", "")
    for expected in (UNIT, "鄂尔多斯市技能大师工作室", "手工地毯制作工技能大师工作室",
                     f"编号：{project.plaque_number}", "鄂尔多斯市人力资源和社会保障局"):
        assert expected in text, expected
    # a studio's plaque names its master (issue 18 §11): the leader in office at acceptance
    assert f"技能大师：{NEW_LEADER}" in text and LEADER not in text
    out = Path(__file__).resolve().parents[2] / "var" / "screenshots" / "project-plaque"
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(out)],
                   check=True)


def test_studio_from_approval_through_leader_change_to_acceptance_and_plaque(page, demo, shot,
                                                                             tmp_path,
                                                                             celery_eager):
    cast = ordos_cast()
    app = approved_city_studio(cast)

    as_user(page, "reviewer_ordos")
    open_project(page, app)
    project = Project.objects.get(application=app)
    assert status_of(page) == "建设中"
    assert page.locator("#leader").inner_text() == f"{LEADER}（一级/高级技师）"
    assert PLAN in page.locator("table.milestones").inner_text()
    shot(page, "project-opened")

    as_user(page, "app_dongsheng1")
    page.goto(f"/projects/{project.pk}/")
    report_and_spend(page, shot)
    page.goto(f"/projects/{project.pk}/")
    request_leader_change(page, shot)

    as_user(page, "reviewer_ordos")
    page.goto(f"/projects/{project.pk}/")
    approve_leader_change(page, shot)

    # Months later (projects.acceptance): the funds were released 7 months ago and every other
    # 验收要点 has had its progress report too.
    Project.objects.filter(pk=project.pk).update(
        released_on=add_months(timezone.localdate(), -7))
    applicant = get_user_model().objects.get(username="app_dongsheng1")
    for milestone in project.milestones.filter(reports__isnull=True):
        report_progress(milestone, by=applicant, text="已按计划完成。")
    as_user(page, "app_dongsheng1")
    page.goto(f"/projects/{project.pk}/")
    page.get_by_role("link", name="申请验收").click()
    page.fill("textarea[name=comment]", "建设内容已全部完成。")
    submit(page, "提交验收申请")
    assert status_of(page) == "待验收"

    as_user(page, "reviewer_ordos")
    page.goto(f"/projects/{project.pk}/")
    decide_acceptance(page)
    project.refresh_from_db()
    assert status_of(page) == "已验收"
    assert page.locator("#plaque-number").inner_text() == project.plaque_number
    assert (project.leader_name, project.accepted_on) == (NEW_LEADER, timezone.localdate())
    shot(page, "project-accepted")
    page.goto("/projects/")
    listed = page.locator(f"tr[data-project='{project.pk}']")
    assert listed.locator(".badge").inner_text() == "已验收"
    shot(page, "project-list")

    as_user(page, "app_dongsheng1")
    page.goto(f"/projects/{project.pk}/")
    check_plaque(page, tmp_path, project)

    page.context.clear_cookies()
    page.goto("/projects/public/")
    row = page.locator("table.public tbody tr", has_text=UNIT)
    assert row.locator("td").all_inner_texts()[1:5] == [UNIT, "市级", "工作室建设项目", "手工地毯制作工"]
    shot(page, "project-public-list")


def test_a_unit_banned_for_fraud_sees_it_on_the_precheck_page_and_cannot_submit(page, demo,
                                                                               shot):
    """准格尔煤炭技校's studio was revoked for fraud in the demo: barred for 3 years."""
    unit_user = demo_user("app_zhungeer1")
    unit = unit_user.memberships.get().organisation
    ban = Ban.objects.get(unit=unit)
    assert ban.ends_on == add_years(ban.starts_on, 3)
    app = complete_application(call=ordos_cast()["call"], unit=unit, by=unit_user,
                               kind=ProjectKind.STUDIO, codes=(STUDIO_CODE,))
    reason = f"本单位因“弄虚作假”被取消申报资格，{chinese_date(ban.ends_on)}前不得申报"

    as_user(page, "app_zhungeer1")
    page.goto(f"/declare/{app.pk}/precheck/")
    assert page.locator("p.summary").inner_text().startswith("对照《鄂人社发〔2022〕100号》申报条件")
    row = page.locator("tr[data-rule='projects.ban']")
    assert row.locator(".badge").inner_text() == "不符合"
    assert reason in row.inner_text()
    shot(page, "project-ban-precheck")
    page.goto(f"/declare/{app.pk}/submit/")
    assert reason in page.locator("ol.problems").inner_text()
    assert page.get_by_role("button", name="确认提交推荐单位").count() == 0
    shot(page, "project-ban-submit")
