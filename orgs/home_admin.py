"""The administrator's home card: the management back office, and read access to the calls its
organisation issued — the region pages (报送情况、联系人), the review with its statistics and
exports (orgs.policy: an administrator of the issuer oversees its calls)."""

from django.urls import reverse

from .roles import Role
from .selectors import organisations_for


def cards(user) -> list[dict]:
    return [{"role": Role.ADMIN.label, "org": org.label,
             "lines": ["管理申报批次、推荐名额、单位与账号。",
                       "查看各推荐单位报送情况、复审进度与统计，导出评分、联系人、异议和答辩记录。"],
             "link": reverse("admin:index"), "link_text": "进入管理后台",
             "more": [(reverse("quotas:region_index"), "报送情况"),
                      (reverse("review:index"), "复审与统计")]}
            for org in organisations_for(user, Role.ADMIN)]
