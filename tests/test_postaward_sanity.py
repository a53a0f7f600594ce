"""Issue 18 §11: acceptance not before the call's threshold after the funds and only with the
验收要点 reported and spending recorded; the plaque dated by the 验收 and naming the studio's
master; spending beyond a 建设内容's budget warned about and explained."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from core.dates import add_months
from core.errors import DomainError
from projects.acceptance import acceptance_problems, earliest_application
from projects.choices import Purpose
from projects.models import Spending
from projects.plaque import plaque_context
from projects.services import (
    apply_for_acceptance,
    decide_acceptance,
    record_spending,
    report_progress,
)

from .test_projects_support import ready_for_acceptance

pytest_plugins = ["tests.test_projects_support"]
pytestmark = pytest.mark.django_db
RELEASED = date(2025, 3, 1)


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(date(2025, 3, 1), 10) == date(2026, 1, 1)
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 12, 31), 2) == date(2025, 2, 28)


def test_the_thresholds_are_the_calls(base_project, studio_project):
    assert base_project.call.threshold("base_acceptance_min_months") == 10
    assert earliest_application(base_project) == date(2026, 1, 1)
    assert earliest_application(studio_project) == date(2025, 9, 1)
    call = base_project.call
    call.thresholds = {**call.thresholds, "base_acceptance_min_months": 12}
    call.save()
    base_project.refresh_from_db()
    assert earliest_application(base_project) == date(2026, 3, 1)


def test_acceptance_eleven_days_after_the_funds_is_refused_with_the_earliest_date(
        base_project, alice):
    ready_for_acceptance(base_project, alice, spent_on=RELEASED)
    with pytest.raises(DomainError) as exc:
        apply_for_acceptance(base_project, by=alice, today=date(2025, 3, 12))
    assert "资金下达（2025年3月1日）后满10个月方可申请验收，最早 2026年1月1日。" in exc.value.message
    assert "。。" not in exc.value.message
    assert apply_for_acceptance(base_project, by=alice, today=date(2026, 1, 1)).status \
        == "awaiting_acceptance"


def test_acceptance_needs_every_milestone_reported_and_spending(base_project, alice):
    later = date(2026, 6, 1)
    problems = acceptance_problems(base_project, today=later)
    assert any("验收要点未报告建设进展" in p for p in problems)
    assert "尚未登记资金支出，请先在“资金使用”中登记。" in problems
    milestones = list(base_project.milestones.all())
    for m in milestones[:-1]:
        report_progress(m, by=alice, text="完成")
    assert "尚有 1 个验收要点未报告建设进展" in "".join(acceptance_problems(base_project,
                                                                            today=later))
    with pytest.raises(DomainError, match="尚未登记资金支出"):
        apply_for_acceptance(base_project, by=alice, today=later)
    report_progress(milestones[-1], by=alice, text="完成")
    record_spending(base_project, by=alice, spent_on=date(2025, 5, 1), purpose="equipment",
                    source="central", content="capacity", amount=Decimal("2.00"),
                    description="设备")
    assert acceptance_problems(base_project, today=later) == []


def test_the_apply_page_lists_what_is_missing(client, base_project, alice):
    client.force_login(alice)
    page = client.get(reverse("projects:apply_acceptance", args=[base_project.pk])).content.decode()
    assert "验收要点未报告建设进展" in page and "尚未登记资金支出" in page


def test_the_plaque_is_dated_by_the_acceptance_and_names_the_studios_master(
        studio_project, base_project, alice, rita):
    apply_for_acceptance(ready_for_acceptance(studio_project, alice), by=alice,
                         today=date(2026, 1, 5))
    accepted = decide_acceptance(studio_project, by=rita, passed=True, findings="合格",
                                 decided_on=date(2026, 1, 8))
    ctx = plaque_context(accepted)
    assert ctx["date"] == "2026年1月8日"
    assert ctx["master"] == "王师傅"
    apply_for_acceptance(ready_for_acceptance(base_project, alice), by=alice,
                         today=date(2026, 1, 5))
    base = decide_acceptance(base_project, by=rita, passed=True, findings="合格",
                             decided_on=date(2026, 1, 9))
    assert (plaque_context(base)["master"], plaque_context(base)["date"]) == ("", "2026年1月9日")


def test_spending_past_a_contents_budget_needs_an_explanation_and_is_warned(base_project, alice):
    # 表4-2: 体系建设 × 中央财政补助 = 6.00 万元
    record_spending(base_project, by=alice, spent_on=date(2025, 4, 1), purpose="curricula",
                    source="central", content="system", amount=Decimal("5.00"),
                    description="课程开发")
    with pytest.raises(DomainError) as exc:
        record_spending(base_project, by=alice, spent_on=date(2025, 4, 2), purpose="curricula",
                        source="central", content="system", amount=Decimal("2.00"),
                        description="教材")
    assert exc.value.field == "overrun_reason"
    assert "超过预算 6.00 万元（已支出 5.00 万元，超出 1.00 万元）" in exc.value.message
    assert Spending.objects.filter(project=base_project).count() == 1
    s = record_spending(base_project, by=alice, spent_on=date(2025, 4, 2), purpose="curricula",
                        source="central", content="system", amount=Decimal("2.00"),
                        description="教材", overrun_reason="教材印数增加，经主管部门同意调剂。")
    assert s.overrun_reason.startswith("教材印数增加")
    assert base_project.events.filter(action="登记支出（超预算）").exists()


def test_the_budget_table_warns_of_a_negative_balance(client, base_project, alice):
    record_spending(base_project, by=alice, spent_on=date(2025, 4, 1), purpose="curricula",
                    source="local", content="results", amount=Decimal("1.50"),
                    description="总结", overrun_reason="配套资金到位后追加。")
    client.force_login(alice)
    page = client.get(reverse("projects:spending", args=[base_project.pk])).content.decode()
    assert "超预算提示" in page and "超出预算 0.50 万元" in page
    assert "配套资金到位后追加。" in page


def test_the_spending_form_shows_the_refusal_at_the_explanation_field(client, base_project,
                                                                      alice):
    client.force_login(alice)
    r = client.post(reverse("projects:spending", args=[base_project.pk]), {
        "spent_on": "2025-04-01", "purpose": Purpose.CURRICULA, "source": "central",
        "content": "system", "amount": "7", "description": "课程"})
    assert r.status_code == 422
    assert "请填写超预算说明" in r.content.decode()
    assert not Spending.objects.filter(project=base_project).exists()
