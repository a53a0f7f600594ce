import pytest
from django.core.exceptions import ValidationError

from orgs.validators import validate_credit_code, validate_credit_or_org_code

# Published, well-known codes: 华为技术有限公司 and 腾讯科技（深圳）有限公司.
GOOD = ["914403001922038216", "9144030071526726XG"]


@pytest.mark.parametrize("code", GOOD)
def test_valid_credit_codes_pass(code):
    validate_credit_code(code)
    validate_credit_code(code.lower())


def test_wrong_check_character_names_the_expected_one():
    with pytest.raises(ValidationError) as exc:
        validate_credit_code("914403001922038217")
    assert exc.value.messages == ["统一社会信用代码校验不通过：可能有某一位填写有误，请对照营业执照或登记证书逐位核对。"]


def test_wrong_length_is_reported_with_the_count():
    with pytest.raises(ValidationError) as exc:
        validate_credit_code("91440300192203821")
    assert exc.value.messages == ["统一社会信用代码应为18位，当前为17位。"]


def test_letters_outside_the_alphabet_are_named():
    with pytest.raises(ValidationError) as exc:
        validate_credit_code("91440300192203821O")
    assert exc.value.messages == ["统一社会信用代码含有无效字符：O（不使用I、O、S、V、Z）。"]


def test_organisation_code_with_check_digit_is_accepted_and_a_wrong_one_refused():
    validate_credit_or_org_code("19220382-1")  # body of 华为's credit code, GB 11714 check 1
    with pytest.raises(ValidationError) as exc:
        validate_credit_or_org_code("192203825")
    assert exc.value.messages == ["组织机构代码校验位错误，请核对后重新填写。"]
