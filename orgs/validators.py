"""Validators for Chinese registration codes, with messages in Chinese."""

from django.core.exceptions import ValidationError

# GB 32100-2015 统一社会信用代码: 18 characters from this alphabet (no I, O, S, V, Z).
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

# GB 11714-1997 组织机构代码: 8 body characters, '-' optional, 1 check character.
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ORG_CODE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def credit_code_check_char(body: str) -> str:
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(body, CREDIT_WEIGHTS, strict=True))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    code = (value or "").strip().upper()
    if len(code) != 18:
        raise ValidationError(
            "统一社会信用代码应为18位，当前为%(n)d位。", code="credit_length", params={"n": len(code)}
        )
    bad = sorted({c for c in code if c not in CREDIT_ALPHABET})
    if bad:
        raise ValidationError(
            "统一社会信用代码含有无效字符：%(bad)s（不使用I、O、S、V、Z）。",
            code="credit_chars",
            params={"bad": "、".join(bad)},
        )
    # The message never names the check character the rest would need: a typo elsewhere,
    # "fixed" by typing that character, would pass (issue 15).
    if code[17] != credit_code_check_char(code[:17]):
        raise ValidationError("统一社会信用代码校验不通过：可能有某一位填写有误，请对照营业执照或登记证书逐位核对。", code="credit_check")


def org_code_check_char(body: str) -> str:
    total = sum(ORG_CODE_ALPHABET.index(c) * w for c, w in zip(body, ORG_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def validate_credit_or_org_code(value: str) -> None:
    """表1-1 accepts 统一社会信用代码或组织机构代码."""
    code = (value or "").strip().upper().replace("-", "")
    if len(code) == 9:
        if any(c not in ORG_CODE_ALPHABET for c in code[:8]) or code[8] != org_code_check_char(
            code[:8]
        ):
            raise ValidationError("组织机构代码校验位错误，请核对后重新填写。", code="org_code")
        return
    validate_credit_code(code)
