"""Issue 18 §2/§3 in Chromium: the chair sees a planted 60-vs-80 outlier while scoring is open
and returns that sheet (its expert gets it back with the reason); a panel with a 包头 expert
never assigns them a 包头 project, and the partial assignment names what is missing."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from calls.choices import ProjectKind
from calls.models import Call
from orgs.demo import DEMO_PASSWORD
from orgs.models import Organisation, OrgKind
from review.models import Assignment, Expert, PanelOpinion, ScoreSheet, SheetStatus
from review.services.panels import create_panel, set_panel
from review.services.scoring import save_sheet

from ..review_support import expert as make_expert
from .conftest import login
from .review_state import CALL, CHAIR, PANEL_EXPERTS, build, enable_totp, received_applications

pytestmark = pytest.mark.e2e
REASON = "60分与其他专家的80分相差过大，请复核实训条件得分"


def _submit(assignment, share: Decimal, comment: str):
    criteria = list(assignment.panel.rubric.criteria.all())
    points = {c.id: str((c.max_points * share).quantize(Decimal("0.01"))) for c in criteria}
    return save_sheet(assignment, by=assignment.expert.user, points=points, comment=comment,
                      submit=True)


def test_chair_sees_the_planted_outlier_and_returns_that_sheet(page, shot, demo):
    reviewer = get_user_model().objects.get(username="reviewer")
    state = build(reviewer)
    panel, first = state["panel"], state["apps"][0]
    rows = {a.expert.user.username: a for a in Assignment.objects.filter(
        panel=panel, application=first).select_related("expert__user", "panel__rubric")}
    low_user = PANEL_EXPERTS[-1]
    for username, a in rows.items():
        if username == low_user:
            _submit(a, Decimal("0.6"), "实训设备台套数不足，建议暂缓推荐。")
        else:
            _submit(a, Decimal("0.8"), f"{a.expert.name}：师资和设备基础扎实，同意推荐。")
    low = rows[low_user]

    login(page, CHAIR)
    page.goto(f"/review/panels/{panel.pk}/progress/")
    project = page.locator(f"#project-{first.pk}")
    assert f"离群：{low.expert.name}" in project.inner_text()
    assert "实训设备台套数不足" in project.inner_text()
    row = project.locator("tr.rv-outlier")
    assert "60.00" in row.inner_text()
    shot(page, "scoring-discussion-1-outlier")
    row.locator("input[name=reason]").fill(REASON)
    row.locator("button:has-text('退回')").click()
    page.wait_for_load_state("networkidle")
    assert "评分表已退回该专家修改。" in page.locator("ul.messages").inner_text()
    assert ScoreSheet.objects.get(assignment=low).status == SheetStatus.DRAFT

    page.click(f"#project-{first.pk} >> text=讨论与专家组意见")
    page.fill("textarea[name=body]", "请各位专家核对实训设备台套数。")
    page.click("button:has-text('发言')")
    page.wait_for_load_state("networkidle")
    assert "请各位专家核对实训设备台套数。" in page.locator("#thread").inner_text()
    assert "师资和设备基础扎实" in page.locator("textarea[name=text]").input_value()  # prefilled
    page.fill("textarea[name=text]", "专家组认为该基地师资和设备基础扎实，同意推荐。")
    page.click("#save-opinion")
    page.wait_for_load_state("networkidle")
    shot(page, "scoring-discussion-4-thread-and-opinion")
    assert PanelOpinion.objects.get(application=first).text.startswith("专家组认为")

    page.context.clear_cookies()
    login(page, low_user)
    page.goto(f"/review/tasks/{low.pk}/")
    assert REASON in page.locator("#returned-reason").inner_text()
    shot(page, "scoring-discussion-2-returned")


def test_a_baotou_expert_gets_no_baotou_project_and_the_gap_is_named(page, shot, demo):
    User = get_user_model()
    reviewer = User.objects.get(username="reviewer")
    secret = enable_totp(reviewer)
    call = Call.objects.get(doc_number=CALL)
    apps, _evidence = received_applications(call, reviewer)
    baotou = Organisation.objects.get(short_name="包头市", kind=OrgKind.LEAGUE_CITY)
    steel = Organisation.objects.create(name="包头钢铁职业技术学院", short_name="包钢职院",
                                        kind=OrgKind.APPLICANT, parent=baotou)
    local = make_expert(steel, username="expert_bt", name="包头专家",
                        pool=Organisation.objects.get(short_name="自治区人社厅"))
    members = [*Expert.objects.filter(user__username__in=PANEL_EXPERTS[:4]), local]
    panel = create_panel(call, ProjectKind.BASE, by=reviewer)
    set_panel(panel, experts=members, chair=members[0], per_application=None,
              spread_flag=Decimal("20"), by=reviewer)
    baotou_apps = [a for a in apps if a.unit.parent_id == baotou.pk]
    assert len(baotou_apps) == 2

    login(page, "reviewer", DEMO_PASSWORD, secret)
    page.goto(f"/review/panels/{panel.pk}/")
    page.click("#auto-assign")
    page.wait_for_load_state("networkidle")
    message = page.locator("ul.messages").inner_text()
    for app in baotou_apps:
        assert f"还需 1 名无回避专家：{app.reference}（{app.unit.label}）" in message
    assert "同属包头市（同一推荐地区）" in page.content()
    shot(page, "scoring-discussion-3-partial-assignment")
    assert not Assignment.objects.filter(expert=local, application__in=baotou_apps).exists()
    others = [a for a in apps if a not in baotou_apps]
    assert Assignment.objects.filter(expert=local, application__in=others).count() == len(others)
    assert Assignment.objects.filter(panel=panel).count() == 5 * len(others) + 4 * 2
