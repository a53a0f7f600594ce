"""Validators for the fields of 附件3/附件4, each refusing with a Chinese message.

Each validator takes the cleaned string (or number) and raises ValidationError; the form
builder (declare.forms) attaches them by field type. Cross-field checks of the 技能大师 block
(身份证号 ↔ 出生年月 ↔ 参加工作时间) are in `cross_check`.
"""

import re
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils import timezone

from orgs.validators import validate_credit_code, validate_credit_or_org_code

from .vocab import ETHNIC_GROUPS, POLITICAL_STATUS, SKILL_LEVELS

__all__ = [
    "validate_credit_code", "validate_credit_or_org_code", "validate_id_card", "validate_mobile",
    "validate_office_phone", "validate_fax", "validate_postcode", "validate_email",
    "validate_month", "validate_area", "validate_ethnicity", "validate_political",
    "validate_skill_level", "validate_occupation_code", "validate_year", "validate_percent",
    "validate_not_future", "cross_check", "parse_month",
]

# GB 11643-1999: weights of the first 17 digits and the check characters by remainder.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
MOBILE = re.compile(r"^1[3-9]\d{9}$")
# 0471-6945102 · (0471)6945102 · （0471）6945102 · 0471 6945102 · 010-12345678-123 · 转 ext
OFFICE_PHONE = re.compile(
    r"^(?:(?:0\d{2,3})[- ]?|[(（]0\d{2,3}[)）] ?)?[1-9]\d{6,7}(?:(?:-|转|分机|ext\.?)\d{1,6})?$",
    re.IGNORECASE,
)
POSTCODE = re.compile(r"^\d{6}$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
WORK_MIN_AGE = 16  # 劳动法 第十五条: no employment under 16


def id_check_char(body17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS, strict=True)) % 11]


def id_birth_date(number: str) -> date | None:
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def validate_id_card(value: str) -> None:
    """身份证号: 18 characters, valid birth date, GB 11643 check character."""
    number = (value or "").strip().upper()
    if len(number) != 18:
        raise ValidationError("身份证号应为18位，当前为%(n)d位。", code="id_length",
                              params={"n": len(number)})
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ValidationError("身份证号前17位应为数字，第18位为数字或X。", code="id_chars")
    born = id_birth_date(number)
    if born is None or born > timezone.localdate() or born.year < 1900:
        raise ValidationError("身份证号中的出生日期（第7—14位）无效。", code="id_birth")
    if number[17] != id_check_char(number[:17]):   # neutral, as the credit code's message
        raise ValidationError("身份证号校验不通过：可能有某一位填写有误，请对照身份证逐位核对。", code="id_check")


def validate_mobile(value: str) -> None:
    if not MOBILE.match((value or "").strip()):
        raise ValidationError("手机号码应为11位数字，以13—19开头，如 13912345678。",
                              code="mobile")


def validate_office_phone(value: str) -> None:
    if not OFFICE_PHONE.match((value or "").strip()):
        raise ValidationError("办公电话格式不正确，应为区号加号码，如 0471-6945102 或"
                              "（0471）6945102，分机可写作 0471-6945102-123。", code="phone")


def validate_fax(value: str) -> None:
    if not OFFICE_PHONE.match((value or "").strip()):
        raise ValidationError("传真号码格式不正确，应为区号加号码，如 0471-6945102。", code="fax")


def validate_postcode(value: str) -> None:
    if not POSTCODE.match((value or "").strip()):
        raise ValidationError("邮政编码应为6位数字，如 014010。", code="postcode")


def validate_email(value: str) -> None:
    EmailValidator(message="电子邮箱格式不正确，如 name@example.com。")((value or "").strip())


def parse_month(value: str) -> date | None:
    """'YYYY-MM' → the first day of that month; None when malformed."""
    m = MONTH.match((value or "").strip())
    if not m or not 1 <= int(m.group(2)) <= 12 or not 1900 <= int(m.group(1)) <= 2100:
        return None
    return date(int(m.group(1)), int(m.group(2)), 1)


def validate_month(value: str) -> None:
    month = parse_month(value)
    if month is None:
        raise ValidationError("请按“年-月”填写，如 1980-05。", code="month")
    if month > timezone.localdate():
        raise ValidationError("填写的年月不能晚于当前月份。", code="month_future")


def validate_area(value: Decimal) -> None:
    """The range of 工作室面积; its decimals (at most two) are the number grammar's
    (declare.numbers.AREA)."""
    if value is not None and not 0 < value <= 100000:
        raise ValidationError("面积应大于0且不超过100000平方米。", code="area_range")


def _in(values, message, code):
    def check(value):
        if value not in values:
            raise ValidationError(message, code=code)
    return check


validate_ethnicity = _in(ETHNIC_GROUPS, "请从56个民族中选择。", "ethnicity")
validate_political = _in(POLITICAL_STATUS, "请从政治面貌规定选项中选择。", "political")
validate_skill_level = _in(dict(SKILL_LEVELS), "请从职业技能等级中选择。", "skill_level")


def validate_occupation_code(value: str) -> None:
    """A 职业 (细类, level 4) of 职业分类大典（2022年版）, e.g. 6-18-01-01."""
    from catalog.selectors import get_occupation

    if get_occupation(value) is None:
        raise ValidationError("职业分类大典（2022年版）中没有代码为“%(code)s”的职业（细类），"
                              "请按 6-18-01-01 格式填写或从列表中选择。", code="occupation",
                              params={"code": (value or "").strip()})


def validate_not_future(value: date) -> None:
    """A date that has happened (填报时间): today at the latest."""
    today = timezone.localdate()
    if value and value > today:
        raise ValidationError("日期不能晚于今天（%(today)s），请填写实际的填报日期。",
                              code="future", params={"today": f"{today.year}年{today.month}月{today.day}日"})


def validate_year(value: int) -> None:
    if value is not None and not 2000 <= value <= 2100:
        raise ValidationError("年度应在2000至2100之间。", code="year")


def validate_percent(value: Decimal) -> None:
    if value is not None and not 0 <= value <= 100:
        raise ValidationError("百分比应在0至100之间。", code="percent")



def cross_check(values: dict) -> dict[str, str]:
    """Checks across the 技能大师 fields; returns {field key: message} for the ones that disagree.

    身份证号 must carry the same birth month as 出生年月; 参加工作时间 must be at least 16 years
    after birth (劳动法 第十五条).
    """
    errors = {}
    birth = parse_month(values.get("birth") or "")
    id_number = (values.get("id_number") or "").strip().upper()
    if birth and len(id_number) == 18:
        born = id_birth_date(id_number)
        if born and (born.year, born.month) != (birth.year, birth.month):
            errors["id_number"] = (f"身份证号中的出生年月（{born:%Y-%m}）与填写的出生年月"
                                   f"（{birth:%Y-%m}）不一致。")
    start = parse_month(values.get("work_start") or "")
    if birth and start and (start.year - birth.year) * 12 + start.month - birth.month < 12 * WORK_MIN_AGE:
        errors["work_start"] = "参加工作时间应在出生年月16周岁之后。"
    return errors
