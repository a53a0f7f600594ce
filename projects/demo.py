"""Demo data (last seed_demo step): the Ordos city-level programme 2022–2025
(鄂人社发〔2022〕100号) as a second call one level down, and projects in every stage."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from calls.choices import CallLevel, ProjectKind
from calls.models import Call, end_of_day
from orgs.demo import ORDOS_COUNTIES, demo_credit_code, give_demo_second_factor, org, user
from orgs.models import Organisation, OrgKind, UnitNature
from orgs.roles import Role
from orgs.services import grant_membership
from quotas.models import Quota

from .demo_projects import seed_projects

ORDOS_BUREAU = "鄂尔多斯市人力资源和社会保障局"
ORDOS_DOC = "鄂人社发〔2022〕100号"

# 市直各有关委、办、室、局 (100号 四(二)): recommend among their own directly affiliated units.
CITY_DEPARTMENTS = [
    ("鄂尔多斯市能源局", "市能源局", "ordos_energy"),
    ("鄂尔多斯市民政局", "市民政局", "ordos_civil"),
    ("鄂尔多斯市卫生健康委员会", "市卫健委", "ordos_health"),
]

# (name, short, recommender short name, nature, login)
ORDOS_UNITS = [
    ("鄂尔多斯市东胜区职业技能培训学校", "东胜培训学校", "东胜区", UnitNature.OTHER, "dongsheng1"),
    ("鄂尔多斯市康巴什区新能源技工学校", "康巴什新能源技校", "康巴什区", UnitNature.GOVERNMENT,
     "kangbashi1"),
    ("准格尔旗煤炭技工学校", "准格尔煤炭技校", "准格尔旗", UnitNature.GOVERNMENT, "zhungeer1"),
    ("伊金霍洛旗绒纺职业技能培训中心", "伊旗绒纺培训中心", "伊金霍洛旗", UnitNature.INDUSTRY,
     "ejin1"),
    ("鄂尔多斯市煤化工技能实训中心", "煤化工实训中心", "市能源局", UnitNature.INDUSTRY, "energy1"),
    ("鄂尔多斯市康养服务职业培训学校", "康养服务学校", "市民政局", UnitNature.OTHER, "civil1"),
]

# Annual recommendation quotas (100号 四(三): 按年度下达推荐名额): (base, studio).
COUNTY_QUOTA = (1, 2)
DEPARTMENT_QUOTA = (1, 1)
COUNTY_LOGINS = {"东胜区": "dongsheng", "康巴什区": "kangbashi", "准格尔旗": "zhungeer",
                 "伊金霍洛旗": "ejin"}


def seed_orgs() -> dict:
    bureau = Organisation.objects.get(name=ORDOS_BUREAU)
    recommenders = {short: Organisation.objects.get(short_name=short, kind=OrgKind.COUNTY)
                    for short, _code in ORDOS_COUNTIES}
    for i, (name, short, _login) in enumerate(CITY_DEPARTMENTS):
        recommenders[short] = org(name, OrgKind.CITY_DIRECT, bureau, short, "150600",
                                  credit=demo_credit_code(600 + i))
    units = {}
    for i, (name, short, rec, nature, login) in enumerate(ORDOS_UNITS):
        units[login] = org(name, OrgKind.APPLICANT, recommenders[rec], short,
                           credit=demo_credit_code(620 + i), nature=nature)
        grant_membership(user=user(f"app_{login}", f"{short}填报员"), organisation=units[login],
                         role=Role.APPLICANT)
    for short, login in COUNTY_LOGINS.items():
        grant_membership(user=user(f"rec_{login}", f"{short}人社局推荐专员"),
                         organisation=recommenders[short], role=Role.RECOMMENDER)
    for _name, short, login in CITY_DEPARTMENTS:
        grant_membership(user=user(f"rec_{login}", f"{short}推荐专员"),
                         organisation=recommenders[short], role=Role.RECOMMENDER)
    reviewer = user("reviewer_ordos", "鄂尔多斯市人社局审核员")
    grant_membership(user=reviewer, organisation=bureau, role=Role.REVIEWER,
                     title="职业能力建设科")
    give_demo_second_factor(reviewer)
    return {"bureau": bureau, "recommenders": recommenders, "units": units, "reviewer": reviewer}


def seed_call(bureau, recommenders, out) -> Call:
    call, _ = Call.objects.update_or_create(
        doc_number=ORDOS_DOC,
        defaults={
            "issuer": bureau, "co_issuer": "鄂尔多斯市财政局", "level": CallLevel.CITY,
            "year": 2025,
            "title": "鄂尔多斯市“十四五”高技能人才培训基地和技能大师工作室建设项目（2022—2025年）",
            "indicator_base": 20, "indicator_studio": 40,
            "subsidy_base": Decimal("20.00"), "subsidy_studio": Decimal("5.00"),
            "published_on": date(2022, 6, 6),
            "recommender_deadline": end_of_day(date(2025, 9, 30)),
        },
    )
    if call.recommender_deadline < timezone.now() and call.extended_deadline is None:
        call.extended_deadline = end_of_day(timezone.localdate() + timedelta(days=60))
        call._change_reason = "演示环境：统一延长截止时间以便体验申报流程"
        call.save()
    for recommender in recommenders.values():
        quota = DEPARTMENT_QUOTA if recommender.kind == OrgKind.CITY_DIRECT else COUNTY_QUOTA
        call.recommenders.add(recommender)
        for kind, amount in zip((ProjectKind.BASE, ProjectKind.STUDIO), quota, strict=True):
            Quota.objects.update_or_create(call=call, recommender=recommender, kind=kind,
                                           defaults={"amount": amount})
    out.write(f"  {call.title}：推荐单位 {call.recommenders.count()} 个")
    return call


def seed(out) -> dict:
    made = seed_orgs()
    call = seed_call(made["bureau"], made["recommenders"], out)
    projects = seed_projects(call, made["units"], made["reviewer"], out)
    return {"ordos_call": call, "ordos_projects": projects}
