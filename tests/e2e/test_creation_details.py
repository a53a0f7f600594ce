"""Issue 15 §6–§7 in Chromium: a new applicant (包头市鹿城职业技能培训学校, app_baotou2) creates a
base application from the home page by clicking only; the 2025 call is chosen beside the 2026 demonstration one,
其他类 is not offered for a base, and the new form starts from the unit's registration, with
the 是/否 radios beside their questions and the three training-record years fixed."""

import pytest

from declare.models import Application
from orgs.models import Organisation

from .conftest import login
from .declare_forms import APPLICATION_PAGE, choose_call

pytestmark = pytest.mark.e2e


UNIT = "包头市鹿城职业技能培训学校"


def test_creating_from_home_preselects_the_call_and_prefills_the_form(page, demo, shot):
    unit = Organisation.objects.get(name=UNIT)
    login(page, "app_baotou2")
    page.click("section.card[data-role='申报单位用户'] a:has-text('进入申报')")
    page.click("text=新建申报")
    # two open calls in the demo (2025 and the 2026 demonstration): the unit chooses one
    offered = page.locator("select[name=call] option").all_inner_texts()
    assert any(t.startswith("2025年") for t in offered) and any("2026年" in t for t in offered)
    choose_call(page, 2025)
    page.check("input[name=kind][value=base]")
    assert not page.locator("input[name=category][value=other]").is_visible()
    page.check("input[name=kind][value=studio]")
    assert page.locator("input[name=category][value=other]").is_visible()
    assert not page.locator("input[name=tier]").first.is_visible()
    page.check("input[name=kind][value=base]")
    page.check("input[name=category][value=service]")
    page.check("input[name=tier][value=A]")
    page.fill("input[name=occupation_1]", "4-10-01-06")
    shot(page, "creation-create-page")
    page.click("button:has-text('创建申报')")
    page.wait_for_url(APPLICATION_PAGE)
    app = Application.objects.get(unit=unit)
    assert (app.category, app.tier) == ("service", "A")

    page.click("a:has-text('填写') >> nth=0")   # 封面
    assert page.locator("input[name=city]").input_value() == "包头市"
    assert page.locator("input[name=authority]").input_value() == "包头市人力资源和社会保障局"

    page.goto(f"/declare/{app.pk}/sections/t1_1/")
    name = page.locator("input[name=unit_name]")
    assert (name.input_value(), name.get_attribute("readonly")) == (UNIT, "")
    assert page.locator("input[name=credit_code]").input_value() == unit.credit_code
    assert page.locator("select[name=nature]").is_disabled()
    assert page.locator("text=如需修改，请修改单位信息").first.is_visible()
    shot(page, "creation-t1_1")

    page.goto(f"/declare/{app.pk}/sections/eligibility/")
    question = page.locator("tr", has=page.locator("input[name=rules_in_place]"))
    label_box = question.locator("th.label").bounding_box()
    yes_box = question.locator("input[value=yes]").bounding_box()
    assert abs(yes_box["y"] + yes_box["height"] / 2 - (label_box["y"] + label_box["height"] / 2)) \
        < label_box["height"] / 2
    yes_label = question.locator("label:has-text('是')").bounding_box()
    no_box = question.locator("input[value=no]").bounding_box()
    assert yes_label["width"] < 60   # the circle and its word together, not a line apart
    assert abs(no_box["y"] - yes_box["y"]) < 2 and no_box["x"] > yes_label["x"] + yes_label["width"]
    training = page.locator("fieldset[data-group=training]")
    assert training.locator(".fixed-cell").all_inner_texts() == ["2022", "2023", "2024"]
    assert training.locator("button:has-text('删除')").count() == 0
    assert page.locator("input[name=designated_year]").count() == 0   # B档 only
    shot(page, "creation-eligibility")
    training.locator("input[name='training-2-trainees']").fill("2500")
    page.fill("input[name=capacity]", "1800")
    with page.expect_navigation():
        page.click("button[name=_save]")
    assert "已保存" in page.locator(".messages").inner_text()
    assert training.locator(".fixed-cell").all_inner_texts() == ["2022", "2023", "2024"]
    shot(page, "creation-training-record")

    page.goto(f"/declare/{app.pk}/precheck/")
    row = page.locator("tr[data-rule='base.capacity_plausible']")
    assert "而2024年培训 2500 人次，超过年培训规模" in row.inner_text()
    assert row.locator("textarea").count() == 1   # asks for a 情况说明
