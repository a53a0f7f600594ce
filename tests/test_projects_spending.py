from datetime import date
from decimal import Decimal

import pytest

from core.errors import DomainError
from projects.budget import spent_by_purpose, spent_vs_budget
from projects.models import Spending
from projects.services import record_spending

pytest_plugins = ["tests.test_projects_support"]
pytestmark = pytest.mark.django_db
D = Decimal


def _spend(project, user, **kw):
    values = {"spent_on": date(2025, 4, 1), "purpose": "equipment", "content": "capacity",
              "source": "central", "amount": D("5.00"), "description": "工位改造"} | kw
    return record_spending(project, by=user, **values)


@pytest.mark.parametrize(("purpose", "label"), [("travel", "差旅费"), ("labour", "劳务费")])
def test_travel_and_labour_fees_are_refused_citing_100_hao_six(base_project, alice, purpose,
                                                                label):
    with pytest.raises(DomainError) as exc:
        _spend(base_project, alice, purpose=purpose)
    assert exc.value.field == "purpose"
    assert exc.value.message == (f"建设项目资金不得用于{label}等与项目资金使用范围无关的其他支出"
                                 "（鄂人社发〔2022〕100号 六）。")
    assert Spending.objects.count() == 0


def test_the_database_also_refuses_a_forbidden_purpose(base_project, alice):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Spending.objects.create(project=base_project, spent_on=date(2025, 4, 1), purpose="travel",
                                source="central", amount=D("1"), description="x",
                                recorded_by=alice)


def test_a_studio_purpose_is_refused_on_a_base(base_project, alice):
    with pytest.raises(DomainError, match="不能列支“技术技能创新研发”") as exc:
        _spend(base_project, alice, purpose="innovation")
    assert "（鄂人社发〔2022〕100号 六(一)）" in exc.value.message


def test_a_studio_spends_on_its_own_purposes_without_a_content(studio_project, alice):
    spending = _spend(studio_project, alice, purpose="supplies", content="system",
                      amount=D("1.20"))
    assert (spending.content, spending.get_purpose_display()) == ("", "培训用品购置")


def test_subsidy_spending_cannot_exceed_the_released_amount(base_project, alice):
    _spend(base_project, alice, amount=D("19.00"), overrun_reason="经批准调剂")  # 表4-2: 10.00
    with pytest.raises(DomainError, match="补助资金累计支出不能超过下达金额 20.00 万元（尚余 1.00 万元）"):
        _spend(base_project, alice, amount=D("1.01"))
    _spend(base_project, alice, amount=D("3.00"), source="industry")


def test_only_the_unit_records_spending(base_project, rex, bob):
    for user in (rex, bob):
        with pytest.raises(DomainError, match="只有建设中项目的建设单位可以登记支出"):
            _spend(base_project, user)


def test_spending_before_release_is_refused(base_project, alice):
    with pytest.raises(DomainError, match="支出日期不能早于资金下达日期 2025-03-01"):
        _spend(base_project, alice, spent_on=date(2025, 2, 28))


def test_spent_vs_budget_per_content_and_source(base_project, alice):
    _spend(base_project, alice, amount=D("8.50"))
    _spend(base_project, alice, purpose="curricula", content="system", amount=D("3.20"))
    _spend(base_project, alice, content="capacity", source="industry", amount=D("1.00"))
    table = spent_vs_budget(base_project)
    rows = {r["key"]: r for r in table["rows"]}
    assert [r["key"] for r in table["rows"]] == ["total", "system", "capacity", "results"]
    assert rows["capacity"]["cells"]["central"] == {"budget": D("10.00"), "spent": D("8.50"),
                                                    "left": D("1.50")}
    assert rows["capacity"]["cells"]["industry"] == {"budget": D("4.00"), "spent": D("1.00"),
                                                     "left": D("3.00")}
    assert rows["total"]["cells"]["central"] == {"budget": D("20.00"), "spent": D("11.70"),
                                                 "left": D("8.30")}
    assert rows["total"]["total"] == {"budget": D("31.00"), "spent": D("12.70"),
                                      "left": D("18.30")}
    assert spent_by_purpose(base_project) == [("课程设置和教材开发", D("3.20")),
                                              ("技能研修实训设备的购置改造与维护", D("9.50"))]


def test_studio_budget_is_its_subsidy(studio_project, alice):
    _spend(studio_project, alice, purpose="exchange", amount=D("2.00"))
    total = spent_vs_budget(studio_project)["rows"][0]
    assert total["cells"]["central"] == {"budget": D("5.00"), "spent": D("2.00"),
                                         "left": D("3.00")}
