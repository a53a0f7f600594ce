"""The 2025 national call (内人社办发〔2025〕105号) with its 附件1 quotas."""

from datetime import date, timedelta

from django.utils import timezone

from orgs.demo import DIRECT_UNITS, REGION_HR
from orgs.models import Organisation, OrgKind
from quotas.models import Quota

from .choices import CallLevel, ProjectKind
from .models import Call, end_of_day

# 附件1: 各盟市人力资源社会保障局推荐名额分配表 (base, studio).
ANNEX1 = {
    "呼和浩特市": (2, 2), "包头市": (4, 4), "呼伦贝尔市": (2, 2), "兴安盟": (2, 2),
    "通辽市": (2, 2), "赤峰市": (2, 2), "锡林郭勒盟": (2, 2), "乌兰察布市": (2, 2),
    "鄂尔多斯市": (2, 2), "巴彦淖尔市": (2, 2), "乌海市": (2, 2), "阿拉善盟": (2, 2),
    "满洲里市": (1, 1), "二连浩特市": (1, 1),
}
DIRECT_QUOTA = (1, 1)  # 105号 三: 直属单位各推荐1个培训基地和1个工作室


def seed_call_2025(out) -> Call:
    region = Organisation.objects.get(name=REGION_HR)
    call, _ = Call.objects.update_or_create(
        doc_number="内人社办发〔2025〕105号",
        defaults={
            "issuer": region, "co_issuer": "内蒙古自治区财政厅", "level": CallLevel.NATIONAL,
            "year": 2025,
            "title": "2025年度国家级高技能人才培训基地和技能大师工作室建设项目申报评选",
            "indicator_base": 5, "indicator_studio": 5,
            "published_on": date(2025, 6, 24), "contact_due": date(2025, 7, 5),
            "recommender_deadline": end_of_day(date(2025, 7, 31)),
        },
    )
    if call.recommender_deadline < timezone.now() and call.extended_deadline is None:
        # The demo runs after the real deadline: extend it so the flow can be tried.
        call.extended_deadline = end_of_day(timezone.localdate() + timedelta(days=60))
        call._change_reason = "演示环境：统一延长截止时间以便体验申报流程"
        call.save()
        out.write(f"  演示环境：截止时间延长至 {timezone.localtime(call.deadline):%Y-%m-%d}")
    for short, (base, studio) in ANNEX1.items():
        _set_quota(call, Organisation.objects.get(short_name=short,
                                                  kind__in=[OrgKind.LEAGUE_CITY,
                                                            OrgKind.PLANNED_CITY]), base, studio)
    for _name, short, _login in DIRECT_UNITS:
        _set_quota(call, Organisation.objects.get(short_name=short, kind=OrgKind.DIRECT),
                   *DIRECT_QUOTA)
    return call


def _set_quota(call, recommender, base, studio):
    call.recommenders.add(recommender)
    for kind, amount in ((ProjectKind.BASE, base), (ProjectKind.STUDIO, studio)):
        Quota.objects.update_or_create(call=call, recommender=recommender, kind=kind,
                                       defaults={"amount": amount})


def seed(out) -> dict:
    return {"call": seed_call_2025(out)}
