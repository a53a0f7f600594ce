"""The one number grammar (declare/numbers.py) on the table of cases that the browser's copy
(static/js/numbers.js) is held to as well (tests/e2e/test_limits.py), and the form fields that
read numbers and long texts with it."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from declare.budget import compute_budget, parse_amount
from declare.forms import SectionForm, to_post
from declare.numbers import MESSAGES, NumberError, NumberRule, parse_number
from declare.numbers import RULES as FIELD_RULES
from declare.schema import BASE_T1_2, BASE_T4_2, section_spec

TABLE = json.loads((Path(__file__).parent / "number_cases.json").read_text(encoding="utf-8"))
CASES = TABLE["cases"]
RULES = {**FIELD_RULES, "signed": NumberRule(places=2, whole=8, signed=True)}


def python_verdict(case) -> dict:
    rule = RULES[case["rule"]]
    try:
        value = parse_number(case["input"], rule)
    except NumberError as refused:
        return {"refused": refused.code, "message": refused.message}
    return {"value": None if value is None else str(value)}


@pytest.mark.parametrize("case", CASES, ids=[f"{c['rule']}:{c['input']!r}" for c in CASES])
def test_each_case_of_the_table_gets_its_verdict(case):
    verdict = python_verdict(case)
    expected = {k: case[k] for k in ("value", "refused") if k in case}
    assert {k: verdict[k] for k in ("value", "refused") if k in verdict} == expected


def test_every_refusal_code_is_in_the_table_and_has_its_own_message():
    assert {c["refused"] for c in CASES if "refused" in c} == set(MESSAGES)
    assert len(set(MESSAGES.values())) == len(MESSAGES)


def test_refusals_say_why_in_chinese():
    def why(text, rule=FIELD_RULES["decimal"]):
        with pytest.raises(NumberError) as refused:
            parse_number(text, rule)
        return refused.value.message

    assert why("1e3") == "请填写数字，不能使用科学计数法（如 1e3），请直接写成 1000。"
    assert why("1,00") == ("千位分隔符“,”的位置不正确：应从个位起每三位一组，如 1,000 或 12,345.50；"
                           "也可以不写分隔符。")
    assert why("1.234") == "最多保留2位小数。"
    assert why("12.5", FIELD_RULES["integer"]) == "请填写整数，不要带小数。"
    assert why("-5", FIELD_RULES["amount"]) == "金额不能为负数。"
    assert why("123456789", FIELD_RULES["amount"]) == "金额过大，请核对（单位：万元）。"


def test_the_browser_gets_the_rule_with_every_message_filled_in():
    spec = FIELD_RULES["amount"].spec()
    assert (spec["places"], spec["whole"], spec["signed"]) == (2, 8, False)
    assert spec["messages"]["places"] == "金额最多保留两位小数。"
    assert spec["messages"]["exponent"] == MESSAGES["exponent"]
    assert set(spec["messages"]) == set(MESSAGES)


def test_budget_amounts_are_stored_as_the_grammar_reads_them():
    grid = {"system": {"central": "1,000", "local": "５０", "industry": "", "other": "0.5"}}
    form = SectionForm(BASE_T4_2, data=to_post(BASE_T4_2, {"budget": grid}))
    assert form.is_valid(), form.errors
    assert form.values()["budget"]["system"] == {
        "central": "1000.00", "local": "50.00", "industry": "", "other": "0.50"}


def test_budget_exponent_is_refused_at_its_cell_and_counts_zero_in_the_server_total():
    grid = {"system": {"central": "1,000", "local": "1e3", "industry": "", "other": ""}}
    form = SectionForm(BASE_T4_2, data=to_post(BASE_T4_2, {"budget": grid}))
    assert not form.is_valid()
    assert form.errors == {"budget-system-local": [MESSAGES["exponent"]]}
    total = form.layout()[0]["rows"][0]
    assert str(total["total"]) == "1000.00"
    assert parse_amount("1e3") == Decimal("0.00")
    assert compute_budget({"system": {"central": "１，０００"}})["grand_total"] == Decimal("1000.00")


@pytest.mark.django_db
def test_counts_and_percentages_read_full_width_and_thousands_and_refuse_exponents():
    spec = section_spec("base", "eligibility")
    data = to_post(spec, {"capacity": "２，５００", "occupations_count": "1e1",
                          "training": [{"year": "2024", "trainees": "3,000",
                                        "high_skill": "1,2000", "pass_rate": "98.5",
                                        "satisfaction": "99.5%"}]})
    form = SectionForm(spec, data=data)
    assert not form.is_valid()
    assert form.errors == {
        "occupations_count": [MESSAGES["exponent"]],
        "training-0-high_skill": [MESSAGES["grouping"]],
        "training-0-satisfaction": [MESSAGES["unit"]],
    }
    assert form.cleaned_data["capacity"] == 2500
    assert form.cleaned_data["training-0-trainees"] == 3000


def test_long_texts_show_their_limit_instead_of_cutting_with_maxlength():
    html = str(SectionForm(BASE_T1_2)["background"])
    assert 'data-maxlength="20000"' in html
    assert "maxlength=" not in html.replace("data-maxlength", "")


def test_a_long_text_over_the_limit_is_refused_with_its_length_and_kept():
    text = "长" * 50000
    form = SectionForm(BASE_T1_2, data=to_post(BASE_T1_2, {"background": text}))
    assert not form.is_valid()
    assert form.errors == {"background": ["最多填写20000个字（当前50000个）。"]}
    assert text in str(form["background"])


def test_line_ends_count_once_as_the_browser_counts_them():
    text = "一行\r\n" * 5000 + "末"      # 15001 characters in the browser, 20001 posted
    form = SectionForm(BASE_T1_2, data=to_post(BASE_T1_2, {"background": text}))
    assert form.is_valid(), form.errors
    assert form.values()["background"] == ("一行\n" * 5000 + "末")
