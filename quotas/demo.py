"""Demo 初评 data (seed_demo step after declare.demo): 包头市 receives more than its quota.

Five more applicant units under 包头市人社局 (app_baotou3 … app_baotou7) each submit a complete
base application, and 包头市稀土高新区职业技能培训中心 also submits a studio, so that the
recommender rec_baotou has six submitted applications in the inbox, five of them bases against
a base quota of 4. Every section goes through the applicant's SectionForm (declare.demo.fill),
the materials through the checked upload service, and the submission through the real
workflow service. Idempotent: a unit's application that is no longer a draft is left alone.
All units, people and numbers are fictitious.
"""

from calls.choices import Category, ProjectKind
from calls.models import Call
from declare.demo import CALL, _application, fill, upload_missing
from declare.demo.variants import base_values, studio_values
from declare.models import ApplicationStatus
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


def _units() -> dict:
    baotou = Organisation.objects.get(short_name="包头市", kind=OrgKind.LEAGUE_CITY)
    units = {}
    for i, (name, short, nature, login, _code, _occ) in enumerate(BAOTOU_UNITS):
        units[login] = org(name, OrgKind.APPLICANT, baotou, short,
                           credit=demo_credit_code(200 + i), nature=nature)
        grant_membership(user=user(f"app_{login}", f"{short}填报员"), organisation=units[login],
                         role=Role.APPLICANT)
    return units


def _materials_and_submit(app, by) -> None:
    upload_missing(app, by)
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
        made += _submitted(app, base_values(units[login], occupation, n), by)
    unit = units[STUDIO_UNIT]
    app, by = _application(call, unit.name, ProjectKind.STUDIO, Category.MANUFACTURING, "",
                           [("6-20-03-01", "数控机床装调")])
    made += _submitted(app, studio_values(unit, master_id=STUDIO_MASTER_ID), by)
    out.write(f"  包头市已提交申报 {len(BAOTOU_UNITS)} 个培训基地、1 个工作室（本次提交 {made} 个）")
    return {}
