"""Demo organisations and accounts (fictitious people; real administrative divisions)."""

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from core.pii import encrypt

from .models import AccountState, Organisation, OrgKind, UnitNature
from .roles import Role
from .services import grant_membership
from .validators import credit_code_check_char

DEMO_PASSWORD = "Nmg@2025demo"  # noqa: S105 - documented demo credential, DEBUG only
# The demo reviewers' and administrator's second factor (README): add it to an authenticator.
DEMO_TOTP_SECRET = "NMGDEMOSKILLTOTPJBSWY3DP"  # noqa: S105 - documented demo credential

REGION_HR = "内蒙古自治区人力资源和社会保障厅"
REGION_FIN = "内蒙古自治区财政厅"

# 附件1 order, GB/T 2260 codes, demo login suffix.
LEAGUE_CITIES = [
    ("呼和浩特市", "150100", "hohhot", OrgKind.LEAGUE_CITY),
    ("包头市", "150200", "baotou", OrgKind.LEAGUE_CITY),
    ("呼伦贝尔市", "150700", "hulunbuir", OrgKind.LEAGUE_CITY),
    ("兴安盟", "152200", "hinggan", OrgKind.LEAGUE_CITY),
    ("通辽市", "150500", "tongliao", OrgKind.LEAGUE_CITY),
    ("赤峰市", "150400", "chifeng", OrgKind.LEAGUE_CITY),
    ("锡林郭勒盟", "152500", "xilingol", OrgKind.LEAGUE_CITY),
    ("乌兰察布市", "150900", "ulanqab", OrgKind.LEAGUE_CITY),
    ("鄂尔多斯市", "150600", "ordos", OrgKind.LEAGUE_CITY),
    ("巴彦淖尔市", "150800", "bayannur", OrgKind.LEAGUE_CITY),
    ("乌海市", "150300", "wuhai", OrgKind.LEAGUE_CITY),
    ("阿拉善盟", "152900", "alxa", OrgKind.LEAGUE_CITY),
    ("满洲里市", "150781", "manzhouli", OrgKind.PLANNED_CITY),
    ("二连浩特市", "152501", "erenhot", OrgKind.PLANNED_CITY),
]

ORDOS_COUNTIES = [
    ("东胜区", "150602"), ("康巴什区", "150603"), ("达拉特旗", "150621"), ("准格尔旗", "150622"),
    ("鄂托克前旗", "150623"), ("鄂托克旗", "150624"), ("杭锦旗", "150625"), ("乌审旗", "150626"),
    ("伊金霍洛旗", "150627"),
]

DIRECT_UNITS = [
    ("内蒙古自治区交通运输厅", "区交通运输厅", "jiaotong"),
    ("内蒙古工业大学", "内蒙古工业大学", "imut"),
    ("内蒙古北方重型装备集团有限公司", "北方重装集团", "nhi"),
]

# (name, short, recommender short name, nature, login, credit-code body)
APPLICANT_UNITS = [
    ("包头市装备制造技师学院", "包头装备技师学院", "包头市", UnitNature.GOVERNMENT, "baotou1"),
    ("包头市鹿城职业技能培训学校", "鹿城培训学校", "包头市", UnitNature.OTHER, "baotou2"),
    ("呼和浩特市青城家政服务职业培训学校", "青城家政学校", "呼和浩特市", UnitNature.OTHER, "hohhot1"),
    ("赤峰市红山康养职业技能培训中心", "红山康养中心", "赤峰市", UnitNature.INDUSTRY, "chifeng1"),
    ("鄂尔多斯市煤化工职业技术学校", "鄂尔多斯煤化工学校", "鄂尔多斯市", UnitNature.GOVERNMENT,
     "ordos1"),
    ("通辽市科尔沁民族工艺研究所", "科尔沁民族工艺所", "通辽市", UnitNature.OTHER, "tongliao1"),
    ("内蒙古路桥工程技工学校", "路桥技工学校", "区交通运输厅", UnitNature.INDUSTRY, "jiaotong1"),
]

EXPERTS = [("expert1", "王建国"), ("expert2", "李秀兰"), ("expert3", "张志强"),
           ("expert4", "刘海燕"), ("expert5", "陈德胜"), ("expert6", "赵丽娟"),
           ("expert7", "孙宝山")]


def demo_credit_code(seq: int) -> str:
    """A well-formed, fictitious 统一社会信用代码 (登记管理部门 1 = 机构编制, 类别 2 = 事业单位)."""
    body = f"12150{seq:04d}0{seq * 7919 % 10**7:07d}"[:17]
    return body + credit_code_check_char(body)


def org(name, kind, parent=None, short="", code="", credit="", nature=""):
    obj, _ = Organisation.objects.update_or_create(
        name=name, defaults={"kind": kind, "parent": parent, "short_name": short,
                             "division_code": code, "credit_code": credit, "nature": nature})
    return obj


@cache
def _demo_hash() -> str:
    return make_password(DEMO_PASSWORD)


def user(username, full_name, *, superuser=False):
    User = get_user_model()
    u, created = User.objects.get_or_create(username=username)
    if created or not u.has_usable_password():
        u.password = _demo_hash()
    u.first_name = full_name
    u.is_superuser = u.is_superuser or superuser
    u.is_staff = u.is_staff or superuser
    u.save()
    return u


def give_demo_second_factor(user) -> None:
    """A reviewer or administrator must have a second factor: the demo ones share
    DEMO_TOTP_SECRET (its codes from any TOTP app), already enrolled."""
    AccountState.objects.update_or_create(user=user, defaults={
        "totp_secret": encrypt(DEMO_TOTP_SECRET), "totp_enabled": True, "totp_last_step": None})


def seed(out) -> dict:
    region = org(REGION_HR, OrgKind.REGION, short="自治区人社厅", code="150000",
                 credit=demo_credit_code(1))
    org(REGION_FIN, OrgKind.REGION, short="自治区财政厅", code="150000",
        credit=demo_credit_code(2))
    recommenders = {}
    for name, code, _login, kind in LEAGUE_CITIES:
        recommenders[name] = org(f"{name}人力资源和社会保障局", kind, region, name, code)
    ordos = recommenders["鄂尔多斯市"]
    for name, code in ORDOS_COUNTIES:
        org(f"{name}人力资源和社会保障局", OrgKind.COUNTY, ordos, name, code)
    for i, (name, short, _login) in enumerate(DIRECT_UNITS):
        recommenders[short] = org(name, OrgKind.DIRECT, region, short,
                                  credit=demo_credit_code(10 + i))
    units = {}
    for i, (name, short, rec, nature, login) in enumerate(APPLICANT_UNITS):
        units[login] = org(name, OrgKind.APPLICANT, recommenders[rec], short,
                           credit=demo_credit_code(100 + i), nature=nature)

    grant_membership(user=user("admin", "系统管理员", superuser=True), organisation=region,
                     role=Role.ADMIN)
    grant_membership(user=user("reviewer", "郭审核"), organisation=region, role=Role.REVIEWER,
                     title="职业能力建设处")
    for login in ("admin", "reviewer"):
        give_demo_second_factor(get_user_model().objects.get(username=login))
    for name, _code, login, _kind in LEAGUE_CITIES:
        grant_membership(user=user(f"rec_{login}", f"{name}推荐专员"),
                         organisation=recommenders[name], role=Role.RECOMMENDER)
    for _name, short, login in DIRECT_UNITS:
        grant_membership(user=user(f"rec_{login}", f"{short}推荐专员"),
                         organisation=recommenders[short], role=Role.RECOMMENDER)
    for _name, short, _rec, _nature, login in APPLICANT_UNITS:
        grant_membership(user=user(f"app_{login}", f"{short}填报员"), organisation=units[login],
                         role=Role.APPLICANT)
    for login, full in EXPERTS:
        grant_membership(user=user(login, full), organisation=region, role=Role.EXPERT)
    out.write(f"  单位 {Organisation.objects.count()} 个，演示账号密码 {DEMO_PASSWORD}")
    return {"region": region, "recommenders": recommenders, "units": units}
