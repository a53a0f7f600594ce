import re

from django.core.exceptions import ValidationError


class ComplexityValidator:
    """等保2.0: a password mixes at least three of upper case, lower case, digits and symbols."""

    classes = (r"[A-Z]", r"[a-z]", r"[0-9]", r"[^A-Za-z0-9]")

    def validate(self, password, user=None):
        if sum(bool(re.search(p, password)) for p in self.classes) < 3:
            raise ValidationError(
                "密码须包含大写字母、小写字母、数字、特殊符号中的至少三类。",
                code="password_too_simple",
            )

    def get_help_text(self):
        return "密码须包含大写字母、小写字母、数字、特殊符号中的至少三类。"
