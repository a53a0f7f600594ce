"""Issue 4, Done when: in Chromium the 包头市 demo recommender (rec_baotou) reviews the inbox,
returns one application, recommends and ranks four bases (reordered in the page), fills the
推荐报告, registers the contact, downloads 附件2-1 (checked with openpyxl) and submits the
package; a fifth base recommendation is refused with the quota message."""

import io

import pytest
from openpyxl import load_workbook

from calls.choices import ProjectKind
from declare.models import Application, ApplicationStatus
from orgs.models import Organisation, OrgKind
from quotas.models import PackageStatus, Quota, Recommendation, RecommendationPackage
from quotas.services import quota_message

from .conftest import login
from .quotas_pages import (
    fill_report,
    inbox_rows,
    message_texts,
    open_inbox,
    ranking_order,
    register_contact,
    upload_scan,
)

pytestmark = pytest.mark.e2e

# The official column heads of 附件2-1 (105号 附件2-1; DOMAIN.md §7).
ANNEX_2_1_HEADS = ["序号", "项目申报单位", "项目类别", "申报职业（工种）及代码", "获得荣誉情况",
                   "开展培训及主要业绩情况"]
RETURN_COMMENT = "技能大师信息中领办人工作单位及职务与证书不一致，请核实后重新提交。"
CONTACT = {"name": "乔文慧", "post": "职业能力建设科科长", "phone": "0472-5156789",
           "mobile": "13904725678"}


def usage_text(page, kind) -> str:
    return page.locator(f".pkg-facts .quota[data-kind='{kind}'] dd").inner_text()


def review_inbox(page, baotou, shot) -> list[int]:
    open_inbox(page)
    submitted = Application.objects.filter(unit__parent=baotou,
                                           status=ApplicationStatus.SUBMITTED)
    assert sorted(inbox_rows(page)) == sorted(submitted.values_list("pk", flat=True))
    page.select_option("select[name=kind]", ProjectKind.BASE)
    page.click("button:has-text('筛选')")
    bases = inbox_rows(page)
    assert sorted(bases) == sorted(submitted.filter(kind=ProjectKind.BASE)
                                   .values_list("pk", flat=True))
    assert len(bases) >= 5
    shot(page, "quotas-inbox-bases")
    return bases


def return_studio(page, baotou, shot):
    studio = Application.objects.get(unit__parent=baotou, kind=ProjectKind.STUDIO,
                                     status=ApplicationStatus.SUBMITTED)
    open_inbox(page)
    page.locator(f"tr[data-app='{studio.pk}'] a:has-text('查看')").click()
    page.click("a:has-text('查看完整申报书')")  # the submitted version, read-only
    assert f"{studio.reference}-v{studio.submitted_version}" in page.locator("h1").inner_text()
    assert page.locator("#sec-master td", has_text="高振宇").count() == 1
    page.go_back()
    page.fill("textarea[name=comments]", RETURN_COMMENT)
    page.check("input[name=sections][value=master]")
    with page.expect_navigation():
        page.click("button:has-text('退回修改')")
    assert page.locator("#app-status").inner_text() == "退回修改"
    assert RETURN_COMMENT in page.locator(".timeline").inner_text()
    studio.refresh_from_db()
    assert studio.status == ApplicationStatus.RETURNED
    shot(page, "quotas-returned-studio")


def recommend_from_inbox(page, pk):
    with page.expect_navigation():
        page.locator(f"tr[data-app='{pk}'] button:has-text('推荐')").click()
    return message_texts(page)


def recommend_up_to_quota(page, bases, amount, shot):
    page.goto(f"{page.url.split('?')[0]}?kind={ProjectKind.BASE}")
    inbox = page.url
    for n, pk in enumerate(bases[:amount], start=1):
        page.goto(inbox)
        assert any(f"推荐顺序第 {n} 位" in m for m in recommend_from_inbox(page, pk))
        assert usage_text(page, ProjectKind.BASE) == f"已推荐 {n} / 名额 {amount}"
    page.goto(inbox)
    fifth = page.locator(f"tr[data-app='{bases[amount]}']")
    assert fifth.locator("button:has-text('名额已满')").is_disabled()
    assert fifth.locator("button:has-text('推荐')").count() == 0
    # a page opened before the quota filled up still posts: the server refuses it
    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    href = fifth.locator("a").first.get_attribute("href")
    response = page.request.post(f"{href}recommend/", form={"csrfmiddlewaretoken": token},
                                 headers={"Referer": page.url}, max_redirects=0)
    assert response.status == 302
    page.goto(inbox)
    refused = message_texts(page)
    assert quota_message(amount) in refused
    assert usage_text(page, ProjectKind.BASE) == f"已推荐 {amount} / 名额 {amount}"
    assert Application.objects.get(pk=bases[amount]).status == ApplicationStatus.SUBMITTED
    shot(page, "quotas-fifth-refused")


def reorder(page, package, shot) -> list[int]:
    page.click("nav.tabs a:has-text('推荐顺序')")
    before = ranking_order(page, ProjectKind.BASE)
    block = page.locator(f"section.rank-block[data-kind='{ProjectKind.BASE}']")
    block.locator(f"tr[data-app='{before[0]}'] button:has-text('下移')").click()
    expected = [before[1], before[0], *before[2:]]
    page.wait_for_function(
        "([kind, first]) => document.querySelector("
        "`section.rank-block[data-kind='${kind}'] tbody tr`).dataset.app === String(first)",
        arg=[ProjectKind.BASE, expected[0]])
    block = page.locator(f"section.rank-block[data-kind='{ProjectKind.BASE}']")
    block.locator(f"tr[data-app='{before[-1]}'] button:has-text('上移')").click()
    expected = [*expected[:-2], expected[-1], expected[-2]]
    page.wait_for_function(
        "([kind, last]) => { const rows = document.querySelectorAll("
        "`section.rank-block[data-kind='${kind}'] tbody tr`);"
        " return rows[rows.length - 1].dataset.app === String(last); }",
        arg=[ProjectKind.BASE, expected[-1]])
    assert ranking_order(page, ProjectKind.BASE) == expected
    stored = list(Recommendation.objects.filter(package=package, kind=ProjectKind.BASE)
                  .order_by("rank").values_list("application_id", flat=True))
    assert stored == expected
    page.reload()
    assert ranking_order(page, ProjectKind.BASE) == expected
    shot(page, "quotas-ranking")
    return expected


def check_annex_2_1(page, order, baotou, tmp_path, shot):
    page.click("nav.tabs a:has-text('申报情况汇总表')")
    shot(page, "quotas-annex2")
    # The render job (documents:summary) makes the file; its page links the download.
    page.click(f"section.annex2[data-kind='{ProjectKind.BASE}'] button:has-text('Excel')")
    with page.expect_download() as info:
        page.click("#job-download")
    page.go_back()
    path = tmp_path / "annex2-1.xlsx"
    info.value.save_as(path)
    ws = load_workbook(io.BytesIO(path.read_bytes())).active
    cells = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    assert cells[0][0] == "附件2-1"
    header = " ".join(str(c) for c in cells[2] if c)
    assert f"推荐单位：{baotou.name}" in header
    assert f"填表人：{CONTACT['name']}" in header and CONTACT["phone"] in header
    assert list(cells[3]) == ANNEX_2_1_HEADS
    names = dict(Application.objects.filter(pk__in=order).values_list("pk", "unit__name"))
    rows = cells[4:4 + len(order)]
    assert [r[0] for r in rows] == list(range(1, len(order) + 1))
    assert [r[1] for r in rows] == [names[pk] for pk in order]
    assert all(r[2] == "生产制造类A档" for r in rows)
    assert any(str(c or "").startswith("填表说明") for r in cells[4 + len(order):] for c in r)


def submit_package(page, package, order, shot):
    page.click("nav.tabs a:has-text('报送自治区')")
    assert page.locator(".notice.checklist").count() == 0, page.locator("section").first.inner_text()
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.click("#submit-package")
    assert "推荐材料已报送自治区" in " ".join(message_texts(page))
    assert page.locator("#pkg-status").inner_text() == "已报送"
    package.refresh_from_db()
    assert package.status == PackageStatus.SUBMITTED
    assert set(Application.objects.filter(pk__in=order).values_list("status", flat=True)) == {
        ApplicationStatus.FORWARDED}
    shot(page, "quotas-package-submitted")


def test_baotou_recommender_reviews_ranks_reports_and_submits(page, demo, shot, tmp_path,
                                                             celery_eager):
    baotou = Organisation.objects.get(short_name="包头市", kind=OrgKind.LEAGUE_CITY)
    quota = Quota.objects.get(recommender=baotou, kind=ProjectKind.BASE,
                              call__doc_number="内人社办发〔2025〕105号")
    login(page, "rec_baotou")
    bases = review_inbox(page, baotou, shot)
    assert len(bases) > quota.amount
    return_studio(page, baotou, shot)
    open_inbox(page)
    recommend_up_to_quota(page, bases, quota.amount, shot)
    package = RecommendationPackage.objects.get(call=quota.call, recommender=baotou)
    order = reorder(page, package, shot)
    fill_report(page, shot)
    upload_scan(page, "推荐报告（签字盖章）.pdf")
    assert page.locator("p.badge.ok", has_text="推荐报告已填写完整").count() == 1
    shot(page, "quotas-report")
    register_contact(page, CONTACT)
    check_annex_2_1(page, order, baotou, tmp_path, shot)
    submit_package(page, package, order, shot)
