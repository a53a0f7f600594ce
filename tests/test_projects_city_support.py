"""Builders for the city-level (Ordos) tests, on top of `seed_demo`: an application walked
through the same services as the regional call, one level down (holds no tests itself).

Used by tests/test_projects_city.py and the browser journey tests/e2e/test_project_flow.py.
"""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model

from calls.choices import Category, ProjectKind
from calls.models import Call
from declare.services.workflow import submit_application
from orgs.models import Organisation
from projects.demo import ORDOS_BUREAU, ORDOS_DOC
from quotas.services import ensure_package, recommend, submit_package
from review.services.decision import decide
from review.services.notice import publish_notice
from review.services.receipt import accept_package
from review.services.scoring import close_panel

from .quotas_support import fill_package
from .review_support import assignments, expert_pool, fill, scoring_panel, sending_closed
from .test_declare_workflow_builders import complete_application

STUDIO_CODE = "6-09-03-12"  # 手工地毯制作工 (大类 6 → 生产制造类)
LEADER = "巴特尔"
PLAN = "带徒20名，开发手工地毯传统图案数字化图库1套，举办技艺交流活动2次"


def ordos_call() -> Call:
    return Call.objects.get(doc_number=ORDOS_DOC)


def demo_user(username):
    return get_user_model().objects.get(username=username)


def ordos_cast(unit_login="dongsheng1", county="东胜区", rec_login="dongsheng") -> dict:
    """The seeded Ordos actors: the unit and its user, its 旗区 bureau and its user, the city
    bureau and its reviewer."""
    return {
        "call": ordos_call(),
        "unit_user": demo_user(f"app_{unit_login}"),
        "unit": demo_user(f"app_{unit_login}").memberships.get().organisation,
        "recommender": Organisation.objects.get(short_name=county, parent__name=ORDOS_BUREAU),
        "rec_user": demo_user(f"rec_{rec_login}"),
        "bureau": Organisation.objects.get(name=ORDOS_BUREAU),
        "reviewer": demo_user("reviewer_ordos"),
    }


def submitted_studio(cast, leader=LEADER):
    """A complete, eligible studio application the unit has submitted to its 旗区 bureau."""
    app = complete_application(call=cast["call"], unit=cast["unit"], by=cast["unit_user"],
                               kind=ProjectKind.STUDIO, codes=(STUDIO_CODE,),
                               category=Category.MANUFACTURING,
                               master={"name": leader, "skill_level": "1"},
                               report={"plan": PLAN})
    submit_application(app, by=cast["unit_user"])
    return app


def recommended_and_submitted(cast, app):
    """The 旗区 bureau recommends the application and submits its package to the city."""
    recommend(app, by=cast["rec_user"])
    package = ensure_package(cast["call"], cast["recommender"])
    fill_package(package, by=cast["rec_user"])
    submit_package(package, by=cast["rec_user"])
    package.refresh_from_db()
    return package


def city_review_approves(cast, app, prefix="ordx"):
    """The city bureau admits the package, five experts score, the bureau decides (拟立项)."""
    reviewer, call = cast["reviewer"], cast["call"]
    sending_closed(call)   # the other 旗区 may send until their deadline (issue 18 §4)
    accept_package(call, cast["recommender"], by=reviewer)
    panel = scoring_panel(call, reviewer, expert_pool(cast["bureau"], 5, prefix=prefix),
                          kind=ProjectKind.STUDIO)
    for assignment in assignments(panel):
        fill(assignment, Decimal("0.9"))
    close_panel(panel, by=reviewer)
    decide(call, ProjectKind.STUDIO, by=reviewer, selected_ids=[app.pk],
           expert_opinion="同意推荐。", hr_opinion="同意立项。", finance_opinion="同意安排补助资金。")
    # the decision is a draft until the 公示 releases it (issue 18 §1)
    publish_notice(call, by=reviewer, starts_on=date(2025, 9, 29), working_days=5,
                   contact="鄂尔多斯市人社局 (0477) 8581234", today=date(2025, 9, 29))
    app.refresh_from_db()
    return app


def approved_city_studio(cast, leader=LEADER):
    """A studio application approved by the city after the full declare → recommend → review
    chain, every step through its service."""
    app = submitted_studio(cast, leader)
    recommended_and_submitted(cast, app)
    return city_review_approves(cast, app)
