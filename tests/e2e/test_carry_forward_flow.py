"""Issue 17 §6 in Chromium: an applicant not selected last year starts from that application —
home → 复制上年申报 → confirm → 请核对 on a changed section → saves it → the flag is gone."""

from dataclasses import replace

import pytest
from playwright.sync_api import expect

from catalog.loader import load_occupations
from catalog.models import Occupation
from declare.models import CarryForward
from declare.schema import sections_for
from declare.services import carry
from tests.test_carry_forward import _source

from .conftest import login

pytestmark = pytest.mark.e2e
RENAMED = "工作基础（含近三年工作情况）"


def _fields_2026(call, kind, n, tier=""):
    """A 2026 definition whose 表1-2 renames 工作基础 (the registry's second version does the
    same kind of thing). The section page itself still draws today's schema until the forms
    registry is merged, so the field is found by its name."""
    return [replace(s, items=tuple(replace(i, label=RENAMED) if i.key == "foundation" else i
                                   for i in s.items))
            if call.year == 2026 and s.key == "t1_2" else s for s in sections_for(kind, n, tier)]


@pytest.fixture
def source(transactional_db, call, unit_a, alice, region, recommender_x, monkeypatch):
    from calls.choices import ProjectKind
    from tests.factories import CallFactory, QuotaFactory

    if not Occupation.objects.exists():
        load_occupations(Occupation)
    call_2026 = CallFactory(issuer=region, year=2026, title="2026年测试申报批次")
    call_2026.recommenders.add(recommender_x)
    for kind in ProjectKind.values:
        QuotaFactory(call=call_2026, recommender=recommender_x, kind=kind, amount=2)
    monkeypatch.setattr(carry, "_fields", _fields_2026)
    return _source(call, unit_a, alice)


def test_applicant_carries_forward_checks_the_flagged_section_and_saves(page, source):
    login(page, "alice", "Test@pass123")
    page.goto("/")
    page.get_by_role("link", name="进入申报").first.click()
    page.get_by_role("link", name="从上年申报复制（复制上年申报）").click()
    expect(page.locator("h1")).to_have_text(f"复制上年申报：{source.reference}")
    expect(page.locator(".carry-flagged")).to_contain_text(f"{RENAMED}：本年度申报表中该项已调整，请核对")
    expect(page.locator(".carry-cleared")).to_contain_text("2022—2024年职业技能培训开展情况")
    page.get_by_role("button", name="确认复制，创建本年度申报").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-carry-note]")).to_contain_text(
        f"已从 {source.reference} 复制，1 项请核对")
    new = CarryForward.objects.get(source=source).application
    page.locator("[data-carry-note] a", has_text="表1-2").click()
    flags = page.locator("[data-carry-flags]")
    expect(flags).to_contain_text("请核对")
    expect(flags).to_contain_text(RENAMED)
    page.locator("[name=foundation]").fill("近三年累计培训高技能人才 4050 人次，建成实训工位 320 个。")
    page.get_by_role("button", name="保存", exact=True).click()
    page.wait_for_load_state("networkidle")
    page.goto(f"/declare/{new.pk}/sections/t1_2/")
    expect(page.locator("[data-carry-flags]")).to_have_count(0)
    page.goto(f"/declare/{new.pk}/")
    expect(page.locator("[data-carry-note]")).to_contain_text(
        f"已从 {source.reference} 复制，0 项请核对")
