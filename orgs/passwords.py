import re

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError

from .models import PasswordHistory


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


class HistoryValidator:
    """等保2.0: a new password is neither the current one nor one of the `count` before it. Every
    password set (password page, admin, seed data) is remembered, hashed, by password_changed,
    which Django calls after each save of a new password."""

    def __init__(self, count: int = 5):
        self.count = count
        self.message = f"新密码不能与当前密码或最近{count}次使用过的密码相同。"

    def _recent(self, user) -> list[PasswordHistory]:
        return list(PasswordHistory.objects.filter(user=user)[: self.count + 1])

    def validate(self, password, user=None):
        if user is None or user.pk is None:
            return
        hashes = {user.password, *(h.password for h in self._recent(user))} - {""}
        if any(check_password(password, encoded) for encoded in hashes):
            raise ValidationError(self.message, code="password_reused")

    def password_changed(self, password, user=None):
        recent = self._recent(user)
        if recent and check_password(password, recent[0].password):
            recent[0].delete()  # the same password re-hashed (a hasher upgrade): not a new one
        PasswordHistory.objects.create(user=user, password=user.password)
        keep = PasswordHistory.objects.filter(user=user).values("pk")[: self.count + 1]
        PasswordHistory.objects.filter(user=user).exclude(pk__in=keep).delete()

    def get_help_text(self):
        return self.message
