"""Demo experts (expert1..expert7 of orgs.demo) in the pool, and the default rubrics of 2025."""

from calls.models import Call
from catalog.models import Occupation
from orgs.demo import REGION_HR
from orgs.models import Organisation

from .models import Expert
from .services.experts import accept_invitation, invite_expert, save_expert
from .services.rubrics import ensure_default_rubrics

# login → (work unit, post/title, fields as 大典 codes, fictitious mobile)
EXPERT_PROFILES = {
    "expert1": ("内蒙古工业大学", "机械工程学院教授", ["6-18-00-00"], "13904710001"),
    "expert2": ("包头市装备制造技师学院", "高级讲师/高级技师", ["6-18-01-00"], "13904710002"),
    "expert3": ("内蒙古北方重型装备集团有限公司", "总工程师/正高级工程师", ["6-00-00-00"],
                "13904710003"),
    "expert4": ("呼和浩特市人力资源和社会保障局", "职业能力建设科科长", ["4-10-00-00"],
                "13904710004"),
    "expert5": (REGION_HR, "职业能力建设处四级调研员", [], "13904710005"),
    "expert6": ("赤峰市红山康养职业技能培训中心", "主任/高级技师", ["4-10-01-00"], "13904710006"),
    "expert7": ("内蒙古工业大学", "艺术设计学院教授/民族工艺传承人", ["6-09-00-00"],
                "13904710007"),
}


def seed(out) -> dict:
    from orgs.demo import EXPERTS, user

    names = dict(EXPERTS)
    made = 0
    for login, (unit, post, codes, mobile) in EXPERT_PROFILES.items():
        account = user(login, names[login])
        if Expert.objects.filter(user=account).exists():
            continue
        made_expert = save_expert(
            None, by=None, pool=Organisation.objects.get(name=REGION_HR), name=names[login],
            organisation=Organisation.objects.get(name=unit), post=post, mobile=mobile,
            occupations=Occupation.objects.filter(code__in=codes), user=account)
        invite_expert(made_expert, by=None)  # the demo experts have accepted (保密及回避承诺)
        accept_invitation(made_expert, by=account, confirmed=True)
        made += 1
    call = Call.objects.filter(doc_number="内人社办发〔2025〕105号").first()
    if call is not None:
        ensure_default_rubrics(call)
    out.write(f"  专家库 {Expert.objects.count()} 人（新增 {made} 人），默认评分细则已就绪")
    return {}
