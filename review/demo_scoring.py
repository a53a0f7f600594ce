"""Demo 复审 data (seed_demo step after review.demo): a call in the scoring stage.

A third call (内人社办发〔2025〕88号（演示）, 自治区级, 包头市 its one recommender) taken from
submission to scoring by the services each role's pages use: three 包头市 units submit complete
bases and 稀土高新培训中心 a studio, rec_baotou recommends them, writes the 推荐报告 and submits
the package (the applications are forwarded), reviewer receives it (受理) and publishes the
default rubrics. Base panel: expert1 … expert7, 组长 expert3, five experts per project,
auto-assigned (同一推荐地区 keeps expert2 off every 包头市 project), scoring started; expert1 then
declares a conflict (回避) on one project from its sheet, and reviewer gives that project to the
panel member left free (`assign` refuses every conflicted pair). All experts of one other
project submit their sheets, so its scores show on the progress page; expert1 keeps one project
to score. Studio panel: expert3 … expert7, every sheet submitted and scoring closed by the 组长,
so its results and the draft decision have a ranking. The call's deadline lies ahead (as the
submissions need) and 包头市's package is its only one, so sending is closed for 受理 and
scoring. Idempotent: each step is skipped once its state is reached.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from calls.choices import CallLevel, Category, ProjectKind
from calls.models import Call, end_of_day
from declare.demo import _application, demo_pdf
from declare.demo.variants import base_values, studio_values
from declare.models import Application, ApplicationStatus
from declare.validators import id_check_char
from orgs.demo import REGION_HR
from orgs.models import Organisation, OrgKind
from quotas import services as quotas
from quotas.demo import BAOTOU_UNITS, _submitted
from quotas.models import PackageStatus, Quota, RecommendationPackage
from quotas.selectors import report_of

from .conflicts import conflict_map
from .models import Assignment, ConflictDeclaration, Expert, PackageReceipt, Panel, PanelStatus
from .services.experts import declare_conflict
from .services.panels import assign, auto_assign, create_panel, set_panel, start_scoring
from .services.receipt import accept_package
from .services.rubrics import ensure_default_rubrics
from .services.scoring import close_panel, save_sheet

CALL_REVIEW = "内人社办发〔2025〕88号（演示）"
UNITS = ["baotou4", "baotou5", "baotou6"]   # of quotas.demo.BAOTOU_UNITS
STUDIO_UNIT = "baotou3"
STUDIO_MASTER_ID = "15020419750923" + "251"
STUDIO_MASTER_ID += id_check_char(STUDIO_MASTER_ID)
PANEL_EXPERTS = [f"expert{i}" for i in range(1, 8)]
STUDIO_EXPERTS = [f"expert{i}" for i in range(3, 8)]   # expert1 and expert2 score bases only
CHAIR, DECLARING = "expert3", "expert1"
CONFLICT_REASON = "本人近三年为该校实训中心建设提供过技术咨询，申请回避。"
REPORT = {"procedure": "单位申报、资格审查、专家评审、公示、局党组会议研究",
          "method": "专家集中评审打分", "notice_start": date(2025, 7, 10),
          "notice_end": date(2025, 7, 16), "notice_place": "包头市人力资源和社会保障局门户网站",
          "notice_result": "公示期满无异议", "objections": "无", "meeting_date": date(2025, 7, 20),
          "meeting_conclusion": "同意按排序推荐", "discipline_opinion": "未发现违规问题"}
REPORT_EXPERTS = [{"name": name, "unit": "包头职业技术学院", "title": "教授"}
                  for name in ("周立民", "吴桂芳", "郑长河", "冯淑珍", "何振东")]
FRACTIONS = [Decimal("0.86"), Decimal("0.82"), Decimal("0.9"), Decimal("0.78"), Decimal("0.84")]
COMMENTS = ["培训体系完整，实训条件较好，同意推荐。", "师资结构合理，建设目标可量化，同意推荐。",
            "校企合作紧密，示范作用明显，同意推荐。", "经费预算偏粗，建议细化设备购置明细。",
            "建设方案思路清晰，预期成效可检验，同意推荐。"]


def review_call(region) -> Call:
    baotou = Organisation.objects.get(short_name="包头市", kind=OrgKind.LEAGUE_CITY)
    call, created = Call.objects.get_or_create(doc_number=CALL_REVIEW, defaults={
        "issuer": region, "co_issuer": "内蒙古自治区财政厅", "level": CallLevel.REGIONAL,
        "year": 2025, "indicator_base": 2, "indicator_studio": 1,
        "title": "2025年度自治区级高技能人才培训基地建设项目评审（演示）",
        "published_on": date(2025, 5, 12),
        "recommender_deadline": end_of_day(timezone.localdate() + timedelta(days=30)),
    })
    if created:
        call.recommenders.set([baotou])
        Quota.objects.create(call=call, recommender=baotou, kind=ProjectKind.BASE,
                             amount=len(UNITS))
        Quota.objects.create(call=call, recommender=baotou, kind=ProjectKind.STUDIO, amount=1)
    return call


def _forward(call, apps, recommender, by) -> None:
    """rec_baotou recommends each submitted application, writes the report and submits."""
    package = quotas.ensure_package(call, recommender)
    if package.status == PackageStatus.SUBMITTED:
        return
    for app in apps:
        app.refresh_from_db()
        if app.status == ApplicationStatus.SUBMITTED:
            quotas.recommend(app, by=by)
    quotas.save_report(package, by=by, data=REPORT, experts=REPORT_EXPERTS)
    if not any(scan.kind == "report" for scan in report_of(package).scans.all()):
        quotas.add_scan(package, by=by, kind="report", upload=demo_pdf("推荐报告"))
    quotas.register_contact(call, recommender, by=by, name="赵联络", post="职业能力建设科科长",
                            phone="0472-5123456", mobile="13904721234")
    quotas.submit_package(RecommendationPackage.objects.get(pk=package.pk), by=by)


def _panel(call, kind, logins, *, per_application, reviewer) -> Panel:
    """The panel of `kind`: members, 组长, automatic assignment, scoring started."""
    panel = Panel.objects.filter(call=call, kind=kind).first()
    if panel is not None:
        return panel
    ensure_default_rubrics(call, by=reviewer)
    panel = create_panel(call, kind, by=reviewer)
    experts = list(Expert.objects.filter(user__username__in=logins).order_by("user__username"))
    set_panel(panel, experts=experts, chair=next(e for e in experts if e.user.username == CHAIR),
              per_application=per_application, spread_flag=Decimal("20"), by=reviewer)
    auto_assign(panel, by=reviewer)
    declaring = next((e for e in experts if e.user.username == DECLARING), None)
    mine = panel.assignments.filter(expert=declaring)
    if declaring is not None and mine.count() < 2:   # a project left to score after 回避
        taken = set(mine.values_list("application_id", flat=True))
        app = next(a for a in _apps(call, kind) if a.id not in taken)
        assign(panel, application=app, expert=declaring, by=reviewer)
    return start_scoring(panel, by=reviewer)


def _apps(call, kind=ProjectKind.BASE):
    return list(Application.objects.filter(call=call, kind=kind)
                .select_related("unit").order_by("reference"))


def _declare_and_reassign(panel, reviewer) -> None:
    """expert1 declares 回避 on its last project (its sheet's 申请回避); the office gives the
    project to the one panel member without a conflict not yet on it."""
    expert = Expert.objects.get(user__username=DECLARING)
    if ConflictDeclaration.objects.filter(expert=expert, application__call=panel.call).exists():
        return
    mine = panel.assignments.filter(expert=expert).select_related("application")
    app = max((a.application for a in mine), key=lambda a: a.reference)
    declare_conflict(expert=expert, application=app, reason=CONFLICT_REASON, by=expert.user)
    members = [m.expert for m in panel.members.select_related("expert__organisation")]
    conflicts = conflict_map(members, _apps(panel.call))
    taken = set(panel.assignments.filter(application=app).values_list("expert_id", flat=True))
    free = next(e for e in members if e.id not in taken and (app.id, e.id) not in conflicts)
    assign(panel, application=app, expert=free, by=reviewer)


def _assignments(panel) -> list[Assignment]:
    return list(Assignment.objects.filter(panel=panel).select_related(
        "application", "expert__user", "panel__rubric", "sheet")
        .order_by("application__reference", "expert__user__username"))


def _without_declaring(rows) -> list[Assignment]:
    """The assignments of the first project expert1 does not score."""
    theirs = {a.application_id for a in rows if a.expert.user.username == DECLARING}
    first = next(a.application_id for a in rows if a.application_id not in theirs)
    return [a for a in rows if a.application_id == first]


def _submit_sheets(rows) -> None:
    """Each expert submits a complete sheet (a different total each), as on the sheet page."""
    for assignment, fraction, comment in zip(rows, FRACTIONS * len(rows), COMMENTS * len(rows),
                                             strict=False):
        sheet = getattr(assignment, "sheet", None)
        if sheet is not None and sheet.is_locked:
            continue
        points = {c.id: str((c.max_points * fraction).quantize(Decimal("0.01")))
                  for c in assignment.panel.rubric.criteria.all()}
        save_sheet(assignment, by=assignment.expert.user, points=points, submit=True,
                   comment=comment)


def seed(out) -> dict:
    region = Organisation.objects.get(name=REGION_HR)
    call = review_call(region)
    reviewer = get_user_model().objects.get(username="reviewer")
    names = {login: name for name, _s, _n, login, _c, _o in BAOTOU_UNITS}
    occupations = {login: (code, occ) for _n, _s, _na, login, code, occ in BAOTOU_UNITS}
    apps = []
    for n, login in enumerate(UNITS, 1):
        code, occupation = occupations[login]
        app, by = _application(call, names[login], ProjectKind.BASE, Category.MANUFACTURING,
                               "A", [(code, "")])
        _submitted(app, base_values(app.unit, occupation, n), by)
        apps.append(app)
    app, by = _application(call, names[STUDIO_UNIT], ProjectKind.STUDIO, Category.MANUFACTURING,
                           "", [("6-20-03-01", "数控机床装调")])
    _submitted(app, studio_values(app.unit, master_id=STUDIO_MASTER_ID), by)
    apps.append(app)
    recommender = apps[0].unit.parent
    rec_user = get_user_model().objects.get(username="rec_baotou")
    _forward(call, apps, recommender, rec_user)
    if not PackageReceipt.objects.filter(call=call, recommender=recommender).exists():
        accept_package(call, recommender, by=reviewer)
    panel = _panel(call, ProjectKind.BASE, PANEL_EXPERTS, per_application=5, reviewer=reviewer)
    if panel.status == PanelStatus.SCORING:
        _declare_and_reassign(panel, reviewer)
        scored = _without_declaring(_assignments(panel))
        _submit_sheets(scored)
        out.write(f"  {call.title}：{panel.name}评分中，{scored[0].application.reference} 已评分")
    studio = _panel(call, ProjectKind.STUDIO, STUDIO_EXPERTS, per_application=None,
                    reviewer=reviewer)
    if studio.status == PanelStatus.SCORING:
        _submit_sheets(_assignments(studio))
        close_panel(studio, by=studio.chair.user)
        out.write(f"  {studio.name}已评分并由组长结束评分")
    return {"review_call": call, "review_panel": panel, "review_studio_panel": studio}
