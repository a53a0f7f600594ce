from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from declare import validators as v

ID_OK = "11010519491231002X"  # GB 11643 standard's own example


def refused(fn, value) -> list[str]:
    with pytest.raises(ValidationError) as exc:
        fn(value)
    return exc.value.messages


@pytest.mark.parametrize("value", [ID_OK, ID_OK.lower(), "150521197203152519"])
def test_valid_id_numbers_pass(value):
    v.validate_id_card(value)


def test_id_number_with_wrong_check_character_names_the_right_one():
    assert refused(v.validate_id_card, "110105194912310021") == [
        "身份证号校验不通过：可能有某一位填写有误，请对照身份证逐位核对。"]


def test_id_number_of_wrong_length_reports_the_count():
    assert refused(v.validate_id_card, "15052119720315251") == ["身份证号应为18位，当前为17位。"]


def test_id_number_with_letters_in_the_body_is_refused():
    assert refused(v.validate_id_card, "1101051949123100AX") == [
        "身份证号前17位应为数字，第18位为数字或X。"]


@pytest.mark.parametrize("value", ["110105194902300021", "110105299901010021"])
def test_id_number_with_impossible_or_future_birth_date_is_refused(value):
    assert refused(v.validate_id_card, value) == ["身份证号中的出生日期（第7—14位）无效。"]


@pytest.mark.parametrize("value", ["13912345678", "19900001111", "15047561234"])
def test_mobile_numbers_pass(value):
    v.validate_mobile(value)


@pytest.mark.parametrize("value", ["12912345678", "1391234567", "139123456789", "139-1234-5678"])
def test_bad_mobile_numbers_are_refused(value):
    assert refused(v.validate_mobile, value) == [
        "手机号码应为11位数字，以13—19开头，如 13912345678。"]


@pytest.mark.parametrize("value", ["0471-6945102", "(0471)6945102", "（0471）6945102",
                                   "0471 6945102", "010-12345678", "0471-6945102-123",
                                   "0471-6945102转8012", "6945102"])
def test_office_phones_pass(value):
    v.validate_office_phone(value)
    v.validate_fax(value)


@pytest.mark.parametrize("value", ["13912345678", "0471-69451", "471-6945102", "电话6945102"])
def test_bad_office_phones_are_refused(value):
    assert refused(v.validate_office_phone, value) == [
        "办公电话格式不正确，应为区号加号码，如 0471-6945102 或（0471）6945102，分机可写作 "
        "0471-6945102-123。"]
    assert refused(v.validate_fax, value) == ["传真号码格式不正确，应为区号加号码，如 0471-6945102。"]


@pytest.mark.parametrize("value", ["010010", "028000", "100000"])
def test_postcodes_pass(value):
    v.validate_postcode(value)


@pytest.mark.parametrize("value", ["01001", "0100100", "01001A"])
def test_bad_postcodes_are_refused(value):
    assert refused(v.validate_postcode, value) == ["邮政编码应为6位数字，如 014010。"]


def test_email_good_and_bad():
    v.validate_email("nmgrstzjc@163.com")
    assert refused(v.validate_email, "nmgrstzjc@163") == ["电子邮箱格式不正确，如 name@example.com。"]


def test_month_good_bad_and_future():
    v.validate_month("1980-05")
    assert refused(v.validate_month, "1980-13") == ["请按“年-月”填写，如 1980-05。"]
    assert refused(v.validate_month, "198005") == ["请按“年-月”填写，如 1980-05。"]
    next_month = (timezone.localdate().replace(day=1) + timedelta(days=32)).strftime("%Y-%m")
    assert refused(v.validate_month, next_month) == ["填写的年月不能晚于当前月份。"]


@pytest.mark.parametrize("value", ["0.01", "260.5", "100000"])
def test_areas_pass(value):
    v.validate_area(Decimal(value))


def test_bad_areas_are_refused():
    assert refused(v.validate_area, Decimal("0")) == ["面积应大于0且不超过100000平方米。"]
    assert refused(v.validate_area, Decimal("100000.01")) == ["面积应大于0且不超过100000平方米。"]


def test_vocabulary_fields_accept_the_official_values_only():
    v.validate_ethnicity("蒙古族")
    v.validate_political("中共党员")
    v.validate_skill_level("1")
    assert refused(v.validate_ethnicity, "蒙族") == ["请从56个民族中选择。"]
    assert refused(v.validate_political, "党员") == ["请从政治面貌规定选项中选择。"]
    assert refused(v.validate_skill_level, "高级技师") == ["请从职业技能等级中选择。"]


@pytest.mark.django_db
def test_occupation_code_must_be_a_level_4_occupation_of_the_catalogue():
    v.validate_occupation_code("6-18-01-01")
    assert refused(v.validate_occupation_code, "6-18-01") == [
        "职业分类大典（2022年版）中没有代码为“6-18-01”的职业（细类），请按 6-18-01-01 格式填写或从列表中选择。"]
    assert refused(v.validate_occupation_code, "9-99-99-99")[0].startswith(
        "职业分类大典（2022年版）中没有代码为“9-99-99-99”")


def test_year_and_percent_ranges():
    v.validate_year(2000)
    v.validate_year(2100)
    assert refused(v.validate_year, 1999) == ["年度应在2000至2100之间。"]
    v.validate_percent(Decimal("0"))
    v.validate_percent(Decimal("100"))
    assert refused(v.validate_percent, Decimal("100.01")) == ["百分比应在0至100之间。"]


def test_credit_code_validators_are_reused_from_orgs():
    v.validate_credit_or_org_code("914403001922038216")
    assert refused(v.validate_credit_or_org_code, "914403001922038217") == [
        "统一社会信用代码校验不通过：可能有某一位填写有误，请对照营业执照或登记证书逐位核对。"]


def test_id_number_must_agree_with_the_birth_month():
    assert v.cross_check({"birth": "1949-12", "id_number": ID_OK}) == {}
    assert v.cross_check({"birth": "1950-01", "id_number": ID_OK}) == {
        "id_number": "身份证号中的出生年月（1949-12）与填写的出生年月（1950-01）不一致。"}


def test_work_must_start_after_the_sixteenth_birthday():
    assert v.cross_check({"birth": "1972-03", "work_start": "1988-03"}) == {}
    assert v.cross_check({"birth": "1972-03", "work_start": "1988-02"}) == {
        "work_start": "参加工作时间应在出生年月16周岁之后。"}
