import io

import pytest

from calls import demo as calls_demo
from calls.choices import ProjectKind
from declare import demo as declare_demo
from declare.demo import base as demo_base
from declare.demo import studio as demo_studio
from declare.forms import SectionForm, to_post
from declare.schema import (
    BASE_T1_1,
    BASE_T1_2,
    BASE_T4_2,
    STUDIO_MASTER,
    section_spec,
    sections_for,
)
from declare.services.sections import completeness, section_data
from orgs import demo as orgs_demo


def bound(spec, values, **extra):
    return SectionForm(spec, data={**to_post(spec, values), **extra})


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [ProjectKind.BASE, ProjectKind.STUDIO])
def test_every_section_of_both_forms_builds_and_an_empty_draft_saves(kind):
    for spec in sections_for(kind, 2):
        form = SectionForm(spec, data={"base_version": "0"})
        assert form.is_valid(), (spec.key, form.errors)
        assert form.layout()


@pytest.mark.django_db
def test_demo_values_round_trip_through_the_form_unchanged():
    for key, values in demo_base.sections("914403001922038216").items():
        form = bound(section_spec(ProjectKind.BASE, key), values)
        assert form.is_valid(), (key, form.errors)
        assert form.values() == {k: values.get(k, form.values()[k]) for k in form.values()}


def test_required_fields_are_not_required_to_save_a_draft():
    form = bound(BASE_T1_1, {"unit_name": "甲市第一技师学院"})
    assert form.is_valid()
    assert form.values()["unit_name"] == "甲市第一技师学院"
    assert form.values()["legal_mobile"] == ""


def test_invalid_value_is_refused_at_the_field_and_the_rest_is_kept():
    form = bound(BASE_T1_1, {"unit_name": "甲市第一技师学院", "legal_mobile": "1391234567",
                             "legal_phone": "0471-6945102"})
    assert not form.is_valid()
    assert form.errors == {"legal_mobile": ["手机号码应为11位数字，以13—19开头，如 13912345678。"]}
    html = str(form["unit_name"]) + str(form["legal_mobile"])
    assert 'value="甲市第一技师学院"' in html
    assert 'value="1391234567"' in html


def test_textareas_carry_the_official_guidance_as_placeholder():
    form = SectionForm(BASE_T1_2)
    assert form.fields["background"].widget.attrs["placeholder"] == (
        "简述当地经济社会发展、产业结构调整、企业高技能人才需求、高技能人才培训等方面的总体情况")


def test_row_headings_group_fields_as_on_the_official_table():
    blocks = SectionForm(BASE_T1_1).layout()
    legal = next(b for b in blocks if b["row"] == "法人代表信息")
    assert [item.label for item, _bf in legal["fields"]] == ["姓名", "部门及职务", "办公电话", "手机"]


def test_group_rows_are_read_from_the_posted_total_and_blank_rows_dropped():
    spec = section_spec(ProjectKind.STUDIO, "master")
    data = to_post(spec, {"members": [
        {"name": "其其格", "occupation": "制琴", "skill_level": "2", "duty": "教学"},
        {"name": "", "occupation": "", "skill_level": "", "duty": ""},
        {"name": "王志远", "occupation": "调音", "skill_level": "3", "duty": "检测"},
    ]})
    form = SectionForm(spec, data=data)
    assert form.is_valid(), form.errors
    assert [r["name"] for r in form.values()["members"]] == ["其其格", "王志远"]


def test_a_row_marked_for_deletion_is_not_stored():
    spec = section_spec(ProjectKind.STUDIO, "master")
    rows = [{"name": "甲", "occupation": "a", "skill_level": "2", "duty": "x"},
            {"name": "乙", "occupation": "b", "skill_level": "2", "duty": "y"}]
    form = SectionForm(spec, data={**to_post(spec, {"members": rows}), "members-0-DELETE": "on"})
    assert form.is_valid()
    assert [r["name"] for r in form.values()["members"]] == ["乙"]


def test_more_rows_than_the_maximum_are_refused_on_the_server():
    spec = section_spec(ProjectKind.BASE, "t3_1_2")
    rows = [{"item": f"内容{i}", "year1": "a", "year2": "b"} for i in range(5)]
    form = SectionForm(spec, data=to_post(spec, {"system": rows}))
    assert not form.is_valid()
    assert form.errors["system-TOTAL"] == ["“构建完善的高技能人才培训体系”最多可填写4行，请删除多余的行。"]
    assert len([k for k in form.fields if k.startswith("system-") and k.endswith("-item")]) == 5


def test_a_new_group_shows_its_minimum_rows_plus_one_spare_row():
    spec = section_spec(ProjectKind.BASE, "t3_1_2")
    group = SectionForm(spec).layout()[0]
    assert [r["spare"] for r in group["rows"]] == [False, True]
    training = next(b for b in SectionForm(section_spec(ProjectKind.BASE, "eligibility")).layout()
                    if b["type"] == "group")
    assert [r["spare"] for r in training["rows"]] == [False, False, False]


def test_budget_cell_errors_are_reported_at_that_cell():
    values = {"budget": {"system": {"central": "-5", "local": "abc", "industry": "1.234",
                                    "other": "10"}}}
    form = bound(BASE_T4_2, values)
    assert not form.is_valid()
    assert form.errors == {
        "budget-system-central": ["金额不能为负数。"],
        "budget-system-local": ["请填写数字金额（单位：万元）。"],
        "budget-system-industry": ["金额最多保留两位小数。"],
    }


def test_budget_block_shows_server_computed_totals():
    form = SectionForm(BASE_T4_2, values={"budget": demo_base.BUDGET})
    block = form.layout()[0]
    total = block["rows"][0]
    assert (total["key"], str(total["total"]), str(total["cells"][0]["ratio"])) == (
        "total", "500.00", "60.00")
    assert total["cells"][0]["input"] is None
    assert block["rows"][1]["cells"][0]["input"].name == "budget-system-central"


@pytest.mark.django_db
def test_id_number_disagreeing_with_birth_month_is_refused_at_the_id_field():
    master = {**demo_studio.MASTER, "birth": "1972-04"}
    form = bound(STUDIO_MASTER, master)
    assert not form.is_valid()
    assert form.errors == {"id_number": [
        "身份证号中的出生年月（1972-03）与填写的出生年月（1972-04）不一致。"]}


@pytest.mark.django_db
def test_unknown_occupation_code_is_refused_at_the_field():
    form = bound(STUDIO_MASTER, {**demo_studio.MASTER, "occupation": "6-99-99-99"})
    assert not form.is_valid()
    assert list(form.errors) == ["occupation"]


def test_readonly_form_disables_every_input():
    form = SectionForm(BASE_T1_2, values={"background": "x"}, readonly=True)
    assert all(f.disabled for f in form.fields.values())


@pytest.mark.django_db
def test_demo_seed_makes_two_complete_applications_and_one_partial_and_is_idempotent(settings):
    out = io.StringIO()
    orgs_demo.seed(out)
    calls_demo.seed(out)
    apps = declare_demo.seed(out)["demo_applications"]
    assert all(r["complete"] for r in completeness(apps["base"]))
    assert all(r["complete"] for r in completeness(apps["studio"]))
    assert not all(r["complete"] for r in completeness(apps["partial"]))
    assert apps["base"].reference == "2025-JD-0001"
    assert [s.occupation.code for s in apps["base"].specialities.all()] == [
        "6-18-01-01", "6-18-02-04"]
    assert [s.occupation.code for s in apps["partial"].specialities.all()] == ["4-10-01-06"]
    assert section_data(apps["studio"])["master"]["id_number"] == demo_studio.MASTER_ID
    versions = sorted(apps["base"].sections.values_list("key", "version"))
    again = declare_demo.seed(out)["demo_applications"]
    assert again["base"].pk == apps["base"].pk
    assert sorted(again["base"].sections.values_list("key", "version")) == versions
