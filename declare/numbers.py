"""The one grammar of a number typed into the applicant forms (issue 15 §4).

static/js/numbers.js implements the same grammar for the live 表4-2 totals; both are held to
one table of cases (tests/number_cases.json), so the browser and the server give the same
verdict on every input.

A number, after full-width characters are made ASCII (０-９ ． ， ＋ － and the ideographic space;
the IME's 。 is a point)
and the ends trimmed:
- digits, optionally grouped in thousands with commas in correct groups (1,000 · 12,345.50 ·
  never 1,00 or 10,00,000), then optionally a point and at most `places` decimals;
- no exponent (1e3), no spaces inside, no sign unless the rule allows a minus;
- at most `whole` digits before the point.
Anything else is refused with a code and a Chinese message that says which of these it broke.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

FULL_WIDTH = str.maketrans("０１２３４５６７８９．。，＋－\u3000", "0123456789..,+- ")
SPACES = " \t\r\n\u00a0"  # trimmed at the ends (JavaScript's trim() and str.strip() differ)
# ASCII only: after the full-width digits are mapped, other scripts' digits are not numbers.
NUMBER = re.compile(r"(?P<sign>[+-]?)(?P<whole>[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.(?P<frac>[0-9]+))?")
EXPONENT = re.compile(r"[0-9.][eE][+-]?[0-9]")
SPACED = re.compile(r"[-+0-9., ]+")
BARE_POINT = re.compile(r"[+-]?(?:\.[0-9]+|[0-9,]+\.)")
DIGITS_AND_COMMAS = re.compile(r"[+-]?[0-9,]+(?:\.[0-9]*)?")
WITH_UNIT = re.compile(r"[+-]?[0-9][0-9,.]* ?[^-+0-9 ,.]+")

MESSAGES = {
    "exponent": "请填写数字，不能使用科学计数法（如 1e3），请直接写成 1000。",
    "space": "数字中间不能有空格。",
    "negative": "不能填写负数。",
    "plus": "请直接填写数字，不要加“+”号。",
    "point": "小数点前后都要有数字，如 0.5 或 12.0。",
    "unit": "只填写数字，不要带单位或文字（如“万元”“%”“人次”）。",
    "grouping": "千位分隔符“,”的位置不正确：应从个位起每三位一组，如 1,000 或 12,345.50；也可以不写分隔符。",
    "integer": "请填写整数，不要带小数。",
    "places": "最多保留{places}位小数。",
    "whole": "整数部分最多{whole}位，请核对。",
    "format": "请填写数字，如 1200 或 1,200.50。",
}


class NumberError(ValueError):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


@dataclass(frozen=True)
class NumberRule:
    """What one kind of field accepts: decimals, digits before the point, a minus; `messages`
    replaces the default wording of some refusals (an amount says 金额…)."""

    places: int = 0
    whole: int = 9
    signed: bool = False
    messages: dict = field(default_factory=dict, hash=False, compare=False)

    def message(self, code: str) -> str:
        text = self.messages.get(code) or MESSAGES[code]
        return text.format(places=self.places, whole=self.whole)

    def spec(self) -> dict:
        """The rule as the browser's parser takes it (numbers.js), messages included."""
        return {"places": self.places, "whole": self.whole, "signed": self.signed,
                "messages": {code: self.message(code) for code in MESSAGES}}


def normalise(text: str) -> str:
    return str(text).translate(FULL_WIDTH).strip(SPACES)


def _refusal(text: str) -> str:
    """The code of the first rule `text` (normalised, not a valid number) breaks."""
    if EXPONENT.search(text):
        return "exponent"
    if " " in text and SPACED.fullmatch(text):
        return "space"
    if BARE_POINT.fullmatch(text):
        return "point"
    if DIGITS_AND_COMMAS.fullmatch(text) and "," in text:
        return "grouping"
    if WITH_UNIT.fullmatch(text):
        return "unit"
    return "format"


def parse_number(text, rule: NumberRule) -> Decimal | None:
    """`text` as a Decimal (None when blank), or NumberError(code, message)."""
    text = normalise("" if text is None else text)
    if not text:
        return None
    match = NUMBER.fullmatch(text)
    if match is None:
        code = _refusal(text)
        raise NumberError(code, rule.message(code))
    sign, whole, frac = match["sign"], match["whole"].replace(",", ""), match["frac"] or ""
    code = None
    if sign == "+":
        code = "plus"
    elif sign == "-" and not rule.signed:
        code = "negative"
    elif frac and rule.places == 0:
        code = "integer"
    elif len(frac) > rule.places:
        code = "places"
    elif len(whole.lstrip("0")) > rule.whole:
        code = "whole"
    if code:
        raise NumberError(code, rule.message(code))
    return Decimal(f"{sign}{whole}.{frac}" if frac else f"{sign}{whole}")


AMOUNT = NumberRule(places=2, whole=8, messages={
    "format": "请填写数字金额（单位：万元）。", "negative": "金额不能为负数。",
    "places": "金额最多保留两位小数。", "whole": "金额过大，请核对（单位：万元）。"})
INTEGER = NumberRule(places=0, whole=9, messages={"format": "请填写整数，如 1200 或 1,200。",
                                                  "negative": "请填写不小于0的整数。"})
DECIMAL = NumberRule(places=2, whole=10)
AREA = NumberRule(places=2, whole=6, messages={"places": "面积最多保留两位小数。",
                                               "whole": "面积应大于0且不超过100000平方米。"})
PERCENT = NumberRule(places=2, whole=3, messages={"whole": "百分比应在0至100之间。",
                                                  "negative": "百分比应在0至100之间。"})
RULES = {"amount": AMOUNT, "integer": INTEGER, "decimal": DECIMAL, "area": AREA,
         "percent": PERCENT}
