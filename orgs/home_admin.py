from django.urls import reverse

from .roles import Role
from .selectors import organisations_for


def cards(user) -> list[dict]:
    return [{"role": Role.ADMIN.label, "org": org.label,
             "lines": ["管理申报批次、推荐名额、单位与账号。"],
             "link": reverse("admin:index"), "link_text": "进入管理后台"}
            for org in organisations_for(user, Role.ADMIN)]
