"""Demo 初评 data (seed_demo step after declare.demo): 包头市 receives more than its quota.

Five more applicant units under 包头市人社局 (app_baotou3 … app_baotou7) each submit a complete
base application, and 包头市稀土高新区职业技能培训中心 also submits a studio, so that the
recommender rec_baotou has six submitted applications in the inbox, five of them bases against
a base quota of 4. Every section goes through the applicant's SectionForm (declare.demo.fill),
the materials through the checked upload service, and the submission through the real
workflow service. Idempotent: a unit's application that is no longer a draft is left alone.
All units, people and numbers are fictitious.
"""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from calls.choices import Category, ProjectKind
from calls.models import Call
from declare.demo import CALL, _application, base, fill, studio
from declare.models import ApplicationStatus
from declare.services.materials import add_material, checklist_status
from declare.services.workflow import submit_application
from declare.validators import id_check_char
from orgs.demo import demo_credit_code, org, user
from orgs.models import Organisation, OrgKind, UnitNature
from orgs.roles import Role
from orgs.services import grant_membership

# (name, short, nature, login, occupation code, occupation name, yearly trainees offset)
BAOTOU_UNITS = [
    ("包头市稀土高新区职业技能培训中心", "稀土高新培训中心", UnitNature.INDUSTRY, "baotou3",
     "6-20-03-01", "机床装调维修工"),
    ("包头市钢城冶金技工学校", "钢城冶金技校", UnitNature.GOVERNMENT, "baotou4",
     "6-18-02-01", "铸造工"),
    ("包头市北方机械技工学校", "北方机械技校", UnitNature.INDUSTRY, "baotou5",
     "6-20-01-01", "装配钳工"),
    ("包头市昆都仑区新能源职业培训学校", "昆区新能源培训学校", UnitNature.OTHER, "baotou6",
     "6-20-02-04", "风电机组制造工"),
    ("包头市东河区机电职业技能培训中心", "东河机电培训中心", UnitNature.OTHER, "baotou7",
     "6-18-01-02", "铣工"),
]
STUDIO_UNIT = "baotou3"
STUDIO_MASTER_ID = "15020419750918" + "132"
STUDIO_MASTER_ID += id_check_char(STUDIO_MASTER_ID)


def _pdf(title: str) -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return SimpleUploadedFile(f"{title}.pdf", out.getvalue(), "application/pdf")


def _units() -> dict:
    baotou = Organisation.objects.get(short_name="包头市", kind=OrgKind.LEAGUE_CITY)
    units = {}
    for i, (name, short, nature, login, _code, _occ) in enumerate(BAOTOU_UNITS):
        units[login] = org(name, OrgKind.APPLICANT, baotou, short,
                           credit=demo_credit_code(200 + i), nature=nature)
        grant_membership(user=user(f"app_{login}", f"{short}填报员"), organisation=units[login],
                         role=Role.APPLICANT)
    return units


def _base_values(unit, occupation_name: str, n: int) -> dict:
    values = base.sections(unit.credit_code)
    values.pop("t3_2_1")
    values.pop("t3_2_2")
    values["cover"] = {**values["cover"], "filler": f"{unit.short_name}填报员"}
    values["t1_1"] = {**values["t1_1"], "unit_name": unit.name, "nature": unit.get_nature_display(),
                      "website": ""}
    values["t3_1_1"] = {**values["t3_1_1"], "leader": f"{occupation_name}专业负责人（高级技师）"}
    values["eligibility"] = {**values["eligibility"], "capacity": 4700 + 300 * n}
    values["summary"] = {"honours": f"{2020 + n}年 自治区级高技能人才培训基地",
                         "performance": f"近三年年均开展{occupation_name}等职业技能培训"
                                        f"{2600 + 200 * n}人次，培训合格率95%以上。"}
    return values


def _studio_values(unit) -> dict:
    values = studio.sections()
    values["unit"] = {**values["unit"], "unit_name": unit.name, "nature": "企业",
                      "address": "内蒙古自治区包头市稀土高新区黄河大街36号", "postcode": "014030",
                      "email": "xtgx@example.cn"}
    values["master"] = {**values["master"], "name": "高振宇", "ethnicity": "汉族",
                        "birth": "1975-09", "work_start": "1994-07", "id_number": STUDIO_MASTER_ID,
                        "occupation": "6-20-03-01", "skill_level": "1",
                        "employer_post": f"{unit.name} 机床装调维修首席技师",
                        "location": "包头市稀土高新区黄河大街36号实训楼三层"}
    values["eligibility"] = {**values["eligibility"], "local_speciality": "no"}
    values["summary"] = {"leader_awards": "2017年 全国技术能手；2021年 自治区“北疆工匠”",
                         "leader_performance": "主持数控机床精度恢复攻关16项，带徒35人。"}
    return values


def _materials_and_submit(app, by) -> None:
    for row in checklist_status(app):
        if row["missing"]:
            add_material(app, item=row["item"].key, uploaded_file=_pdf(row["item"].label[:30]),
                         by=by)
    submit_application(app, by=by)


def _submitted(app, values, by) -> bool:
    if app.status not in (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED):
        return False
    fill(app, values, by)
    _materials_and_submit(app, by)
    return True


def seed(out) -> dict:
    call = Call.objects.get(doc_number=CALL)
    units = _units()
    made = 0
    for n, (name, _short, _nature, login, code, occupation) in enumerate(BAOTOU_UNITS, 1):
        app, by = _application(call, name, ProjectKind.BASE, Category.MANUFACTURING, "A",
                               [(code, "")])
        made += _submitted(app, _base_values(units[login], occupation, n), by)
    unit = units[STUDIO_UNIT]
    app, by = _application(call, unit.name, ProjectKind.STUDIO, Category.MANUFACTURING, "",
                           [("6-20-03-01", "数控机床装调")])
    made += _submitted(app, _studio_values(unit), by)
    out.write(f"  包头市已提交申报 {len(BAOTOU_UNITS)} 个培训基地、1 个工作室（本次提交 {made} 个）")
    return {}
