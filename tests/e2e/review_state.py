"""State for the provincial review walk-through, built with the project's services.

The browser journey starts where the issue's story starts: six base applications already
received by the region (受理) and a panel of five experts that has started scoring. Getting
there through the browser is other journeys' business (declare, quotas), so it is done here.
"""

from decimal import ROUND_HALF_UP, Decimal

import pyotp

from calls.choices import Category, ProjectKind
from calls.models import Call
from catalog.selectors import get_occupation
from declare.models import Application, ApplicationStatus
from declare.services.applications import create_application
from declare.services.materials import add_material
from orgs import twofactor
from orgs.models import Organisation, OrgKind
from orgs.validators import credit_code_check_char
from review.models import Assignment, Expert
from review.services.panels import auto_assign, create_panel, set_panel, start_scoring
from review.services.receipt import accept_package

from ..review_support import sending_closed
from ..test_uploads_samples import pdf_upload

CALL = "内人社办发〔2025〕105号"
PANEL_EXPERTS = ["expert1", "expert3", "expert4", "expert5", "expert7"]  # no conflict with any unit
CHAIR = "expert1"

# (unit, category, occupation code): six base applications from five recommenders.
APPLICANTS = [
    ("包头市鹿城职业技能培训学校", Category.SERVICE, "4-10-01-06"),
    ("赤峰市红山康养职业技能培训中心", Category.SERVICE, "4-10-01-05"),
    ("鄂尔多斯市煤化工职业技术学校", Category.MANUFACTURING, "6-11-01-01"),
    ("内蒙古路桥工程技工学校", Category.MANUFACTURING, "6-29-01-01"),
    ("乌海市化工技师学院", Category.MANUFACTURING, "6-11-01-01"),
]

# Fraction of each criterion's maximum: a quality per application (in reference order) and
# a leniency per expert (in PANEL_EXPERTS order); expert5 is strict, expert3 generous.
QUALITY = [Decimal("0.86"), Decimal("0.71"), Decimal("0.79"), Decimal("0.64"), Decimal("0.90"),
           Decimal("0.75")]
LENIENCY = [Decimal("0.00"), Decimal("0.04"), Decimal("-0.02"), Decimal("-0.12"),
            Decimal("0.01")]
OUTLIER = (4, 1, Decimal("0.22"))  # expert7 scores the second application far higher


def fraction(expert_index: int, app_index: int) -> Decimal:
    extra = OUTLIER[2] if (expert_index, app_index) == OUTLIER[:2] else Decimal("0")
    return min(Decimal("1"), QUALITY[app_index] + LENIENCY[expert_index] + extra)


def points_for(criteria, share: Decimal) -> list[Decimal]:
    """One decimal place, as an expert would type them."""
    return [(c.max_points * share).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            for c in criteria]


def _unit(name: str, parent_short: str) -> Organisation:
    unit = Organisation.objects.filter(name=name).first()
    if unit is not None:
        return unit
    body = "12150" + "9" * 4 + "0" + "7654321"
    return Organisation.objects.create(
        name=name, short_name=name[:8], kind=OrgKind.APPLICANT, nature="government",
        parent=Organisation.objects.get(short_name=parent_short,
                                        kind__in=[OrgKind.LEAGUE_CITY, OrgKind.DIRECT]),
        credit_code=body + credit_code_check_char(body))


def received_applications(call, reviewer):
    """The demo's complete base application (with one uploaded PDF) and five more, forwarded
    and then admitted; returns them in reference order and the uploaded material."""
    demo = Application.objects.get(call=call, unit__name="包头市装备制造技师学院",
                                   kind=ProjectKind.BASE)
    apps = [demo]
    evidence = add_material(demo, item="evidence", uploaded_file=pdf_upload("近三年培训花名册.pdf"),
                            by=demo.unit.memberships.first().user)
    _unit("乌海市化工技师学院", "乌海市")
    for name, category, code in APPLICANTS:
        unit = Organisation.objects.get(name=name)
        user = unit.memberships.first().user if unit.memberships.exists() else reviewer
        apps.append(create_application(unit=unit, call=call, kind=ProjectKind.BASE,
                                       category=category, tier="A",
                                       occupations=[(get_occupation(code), "")], by=user))
    # 提交 → 推荐 → 报送 belong to the declare and quotas journeys; here they have happened.
    Application.objects.filter(pk__in=[a.pk for a in apps]).update(
        status=ApplicationStatus.FORWARDED)
    sending_closed(call)   # receipt waits for every recommender's deadline (issue 18 §4)
    for recommender in {a.unit.parent for a in apps}:
        accept_package(call, recommender, by=reviewer)
    return sorted(apps, key=lambda a: a.reference), evidence


def scoring_panel(call, reviewer):
    experts = {e.user.username: e for e in Expert.objects.filter(
        user__username__in=PANEL_EXPERTS).select_related("user")}
    panel = create_panel(call, ProjectKind.BASE, by=reviewer)
    set_panel(panel, experts=[experts[u] for u in PANEL_EXPERTS], chair=experts[CHAIR],
              per_application=None, spread_flag=Decimal("20"), by=reviewer)
    auto_assign(panel, by=reviewer)
    return start_scoring(panel, by=reviewer)


def build(reviewer) -> dict:
    call = Call.objects.get(doc_number=CALL)
    apps, evidence = received_applications(call, reviewer)
    panel = scoring_panel(call, reviewer)
    return {"call": call, "apps": apps, "panel": panel, "evidence": evidence}


def assignment_of(panel, username: str, app) -> Assignment:
    return Assignment.objects.get(panel=panel, expert__user__username=username, application=app)


def enable_totp(user) -> str:
    """Give the account a second factor, as the reviewer would on 动态口令 (returns the secret)."""
    secret = twofactor.new_secret(user)
    assert twofactor.enable(user, pyotp.TOTP(secret).now())
    return secret
