"""Every input has a name a screen reader says, and its message and help are linked to it
(issue 15 §9; WCAG 2.1 1.3.1, 3.3.1, 4.1.2): the inputs of repeating rows, of the 表4-2 grid and
of the table-shaped formsets, whose cells have no <label>."""

import re

from django.template.loader import render_to_string

from declare.forms.section import SectionForm
from declare.schema import section_spec
from quotas.forms import ExpertFormSet
from review.forms import CriterionFormSet


def attrs_of(html: str, name: str) -> dict:
    tag = re.search(rf'<(?:input|select|textarea)[^>]*name="{re.escape(name)}"[^>]*>', html)
    assert tag, name
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag.group(0)))


def test_repeating_row_cells_are_named_by_group_row_and_column():
    form = SectionForm(section_spec("base", "t3_1_2"))
    block = next(b for b in form.layout() if b["type"] == "group")
    html = render_to_string("declare/_group.html", {"block": block})
    assert attrs_of(html, "system-0-item")["aria-label"] == \
        "构建完善的高技能人才培训体系 第1行 建设内容"
    # the blank row that the page copies for 增加一行
    assert attrs_of(html, "system-__i__-item")["aria-label"] == \
        "构建完善的高技能人才培训体系 新增行 建设内容"


def test_every_budget_cell_is_named_by_its_row_and_source():
    form = SectionForm(section_spec("base", "t4_2"))
    html = render_to_string("declare/_budget.html",
                            {"block": next(b for b in form.layout() if b["type"] == "budget")})
    labels = [attrs_of(html, name)["aria-label"] for name in form.fields
              if name.startswith("budget-")]
    assert len(labels) == len(set(labels)) == 12
    assert attrs_of(html, "budget-system-central")["aria-label"] == \
        "构建完善的高技能人才培训体系 中央财政补助（就业补助资金） 金额（万元）"


def test_a_wrong_amount_is_marked_invalid_and_linked_to_its_message():
    form = SectionForm(section_spec("base", "t4_2"), data={"budget-system-central": "abc"})
    assert not form.is_valid()
    html = render_to_string("declare/_budget.html",
                            {"block": next(b for b in form.layout() if b["type"] == "budget")})
    cell = attrs_of(html, "budget-system-central")
    assert cell["aria-invalid"] == "true"
    message = re.search(rf'<ul class="errorlist" id="{cell["aria-describedby"]}"><li>(.*?)</li>',
                        html)
    assert message.group(1) == "请填写数字金额（单位：万元）。"


def test_help_text_is_linked_to_its_input():
    form = SectionForm(section_spec("base", "annex_texts"))
    html = render_to_string("declare/_formfield.html", {"f": form["measures"]})
    helper = attrs_of(html, "measures")["aria-describedby"]
    assert re.search(rf'<p class="help" id="{helper}">可在此填写全文', html)


def test_formset_rows_are_named_by_row_and_label():
    experts = ExpertFormSet(prefix="experts", initial=[{}, {}])
    assert experts.forms[1]["unit"].field.widget.attrs["aria-label"] == "第2位专家 单位"
    assert experts.empty_form["name"].field.widget.attrs["aria-label"] == "新增行 姓名"
    criteria = CriterionFormSet(prefix="form")
    assert criteria.forms[0]["max_points"].field.widget.attrs["aria-label"] == "第1项 分值上限"
