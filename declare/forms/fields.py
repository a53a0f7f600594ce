"""Schema field types (declare.schema.Field.type) → Django form fields with Chinese messages.

Every field is optional for saving (a draft may be incomplete); `required` in the schema only
counts for completeness and is shown with a marker. Values that are present must be valid.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from .. import numbers
from .. import validators as v
from ..vocab import ETHNIC_GROUPS, POLITICAL_STATUS, SKILL_LEVELS

TEXT_MAX = 200
TEXTAREA_MAX = 20000
LENGTH_MESSAGES = {"max_length": "最多填写%(limit_value)d个字（当前%(show_value)d个）。"}


class NumberField(forms.Field):
    """A number read by the one grammar (declare.numbers): Decimal, or int when the rule has
    no decimals; refusals carry the grammar's code and Chinese message."""

    def __init__(self, rule: numbers.NumberRule, **kwargs):
        self.rule = rule
        mode = "decimal" if rule.places else "numeric"
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": mode,
                                                           "autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            number = numbers.parse_number(value, self.rule)
        except numbers.NumberError as refused:
            raise ValidationError(refused.message, code=refused.code) from None
        if number is not None and not self.rule.places:
            return int(number)
        return number


class LongTextField(forms.CharField):
    """A 多行文本 whose limit the browser shows (static/js/limits.js) instead of enforcing:
    no `maxlength`, so a long paste is kept whole and marked, never cut. Line ends count as
    one character, as the browser counts them (a posted CRLF would otherwise count twice)."""

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        attrs["data-maxlength"] = str(self.max_length)
        return attrs

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


def _pairs(choices) -> list[tuple[str, str]]:
    return [c if isinstance(c, tuple) else (c, c) for c in choices]


def _choice(choices, *, radio=False):
    options = _pairs(choices)
    if not radio:
        options = [("", "请选择"), *options]
    widget = forms.RadioSelect if radio else forms.Select
    return forms.ChoiceField(choices=options, widget=widget,
                             error_messages={"invalid_choice": "请从列表中选择。"})


def _text(max_length, validators=(), **attrs):
    return forms.CharField(max_length=max_length, validators=list(validators),
                           widget=forms.TextInput(attrs=attrs), error_messages=LENGTH_MESSAGES)


def _number(rule, validators=()):
    return NumberField(rule, validators=list(validators))


def _builders():
    return {
        "text": lambda f: _text(f.max_length or TEXT_MAX),
        "textarea": lambda f: LongTextField(
            max_length=f.max_length or TEXTAREA_MAX, widget=forms.Textarea(attrs={"rows": 6}),
            error_messages=LENGTH_MESSAGES),
        "choice": lambda f: _choice(f.choices),
        "yesno": lambda f: _choice(f.choices, radio=True),
        "ethnicity": lambda f: _choice(ETHNIC_GROUPS),
        "political": lambda f: _choice(POLITICAL_STATUS),
        "skill_level": lambda f: _choice(SKILL_LEVELS),
        "month": lambda f: _text(7, [v.validate_month], type="month", placeholder="如 1980-05"),
        "date": lambda f: forms.DateField(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            input_formats=["%Y-%m-%d", "%Y/%m/%d"],
            error_messages={"invalid": "请按“年-月-日”填写日期，如 2025-07-10。"}),
        "integer": lambda f: _number(numbers.INTEGER),
        "year": lambda f: _number(numbers.INTEGER, [v.validate_year]),
        "decimal": lambda f: _number(numbers.DECIMAL),
        "percent": lambda f: _number(numbers.PERCENT, [v.validate_percent]),
        "area": lambda f: _number(numbers.AREA, [v.validate_area]),
        "phone": lambda f: _text(30, [v.validate_office_phone], placeholder="如 0471-6945102"),
        "fax": lambda f: _text(30, [v.validate_fax], placeholder="如 0471-6945103"),
        "mobile": lambda f: _text(11, [v.validate_mobile], inputmode="numeric",
                                  placeholder="11位手机号码"),
        "email": lambda f: _text(120, [v.validate_email], type="email"),
        "postcode": lambda f: _text(6, [v.validate_postcode], inputmode="numeric"),
        "url": lambda f: forms.URLField(max_length=200, assume_scheme="https",
                                        error_messages={"invalid": "网址格式不正确，如 https://www.example.cn。"}),
        "credit_or_org_code": lambda f: _text(20, [v.validate_credit_or_org_code]),
        "id_card": lambda f: _text(18, [v.validate_id_card], placeholder="18位身份证号码"),
        "occupation": lambda f: _text(10, [v.validate_occupation_code],
                                      placeholder="职业代码，如 6-18-01-01",
                                      **{"data-occupation-search": "1", "autocomplete": "off"}),
        "declaration": lambda f: forms.BooleanField(),
    }


BUILDERS = _builders()


def field_for(spec_field) -> forms.Field:
    """The Django form field for one schema Field (never required: drafts may be partial)."""
    field = BUILDERS[spec_field.type](spec_field)
    field.required = False
    field.label = spec_field.label
    field.help_text = spec_field.help
    if spec_field.placeholder and hasattr(field.widget, "attrs"):
        field.widget.attrs["placeholder"] = spec_field.placeholder
    if spec_field.max_length and isinstance(field, forms.CharField) \
            and not isinstance(field, LongTextField):
        field.widget.attrs.setdefault("maxlength", str(spec_field.max_length))
    if spec_field.not_future:
        field.validators.append(v.validate_not_future)
    return field


def to_storage(spec_field, value):
    """The JSON-storable form of a cleaned value: text stripped, numbers as int or str."""
    if value is None:
        return None if spec_field.type in ("integer", "year", "decimal", "percent", "area") else ""
    if isinstance(value, Decimal):
        return str(value)
    if spec_field.type == "date":
        return value.isoformat()
    if spec_field.type in ("credit_or_org_code", "id_card"):
        return value.strip().upper()
    return value.strip() if isinstance(value, str) else value
