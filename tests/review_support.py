"""Builders for the review tests: forwarded and admitted applications, experts, panels."""

from decimal import Decimal

from calls.choices import ProjectKind
from declare.models import ApplicationStatus, Speciality
from orgs.roles import Role
from orgs.services import grant_membership
from review.models import Assignment, Panel
from review.services.panels import auto_assign, create_panel, set_panel, start_scoring
from review.services.receipt import accept_package
from review.services.rubrics import ensure_default_rubrics
from review.services.scoring import save_sheet

from .factories import ApplicationFactory, ExpertFactory, UserFactory, occupation


def forwarded(call, unit, kind=ProjectKind.BASE, code="6-18-01-01", **kw):
    app = ApplicationFactory(call=call, unit=unit, kind=kind,
                             tier="A" if kind == ProjectKind.BASE else "",
                             status=ApplicationStatus.FORWARDED, **kw)
    Speciality.objects.create(application=app, position=1, occupation=occupation(code))
    return app


def expert(org, *, username=None, codes=(), name=None, pool=None):
    """An expert working at `org`, in the 专家库 of `pool` (default: the root above `org`)."""
    user = UserFactory(username=username) if username else UserFactory()
    grant_membership(user=user, organisation=org, role=Role.EXPERT)
    extra = {"name": name} if name else {}
    if pool is not None:
        extra["pool"] = pool
    e = ExpertFactory(organisation=org, user=user, **extra)
    e.occupations.set([occupation(c) for c in codes])
    return e


def expert_pool(issuer, n, prefix="ex"):
    """`n` experts of the 专家库 of `issuer` (the region, or a city bureau with its own call)."""
    return [expert(issuer, username=f"{prefix}{i}", name=f"专家{prefix}{i}", pool=issuer)
            for i in range(n)]


def sending_closed(call):
    """Every recommender's deadline has passed (receipt, scoring and 公示 wait for it)."""
    from datetime import timedelta

    from django.utils import timezone

    from calls.models import Call

    Call.objects.filter(pk=call.pk).update(recommender_deadline=timezone.now() - timedelta(days=1),
                                           extended_deadline=None)
    call.refresh_from_db()


def admit_all(call, reviewer, recommenders):
    sending_closed(call)
    for rec in recommenders:
        accept_package(call, rec, by=reviewer)


def scoring_panel(call, reviewer, experts, kind=ProjectKind.BASE, per_application=None) -> Panel:
    ensure_default_rubrics(call, by=reviewer)
    panel = create_panel(call, kind, by=reviewer)
    set_panel(panel, experts=experts, chair=experts[0], per_application=per_application,
              spread_flag=Decimal("20"), by=reviewer)
    auto_assign(panel, by=reviewer)
    return start_scoring(panel, by=reviewer)


def fill(assignment, total_fraction: Decimal, submit=True, comment="同意推荐。"):
    """Score each criterion at `total_fraction` of its maximum (2 decimals)."""
    criteria = assignment.panel.rubric.criteria.all()
    points = {c.id: str((c.max_points * total_fraction).quantize(Decimal("0.01")))
              for c in criteria}
    return save_sheet(assignment, by=assignment.expert.user, points=points, comment=comment,
                      submit=submit)


def assignments(panel):
    return list(Assignment.objects.filter(panel=panel)
                .select_related("expert__user", "panel__rubric", "application")
                .order_by("application__reference", "expert__name"))


def closed_panel(call, reviewer, experts, fractions):
    """A closed base panel; fractions[i] scores the i-th admitted application (by reference)."""
    from review.services.scoring import close_panel

    panel = scoring_panel(call, reviewer, experts)
    refs = sorted({a.application.reference for a in assignments(panel)})
    for a in assignments(panel):
        fill(a, fractions[refs.index(a.application.reference)])
    close_panel(panel, by=panel.chair.user)
    panel.refresh_from_db()
    return panel


def ready_to_file(call, reviewer, region, units, recommenders):
    """A base-only call scored (the 2nd unit best, then the 3rd, the 1st last), decided on the
    two best, its 公示 run and the list confirmed: ready for 备案. Returns the applications in
    the order of `units`."""
    from datetime import date

    from review.services.decision import decide
    from review.services.notice import confirm_list, publish_notice

    call.offers_studio = False
    call.save()
    apps = [forwarded(call, unit) for unit in units]
    admit_all(call, reviewer, recommenders)
    closed_panel(call, reviewer, expert_pool(region, 5), [Decimal("0.70"), Decimal("0.90"),
                                                          Decimal("0.80")])
    decide(call, ProjectKind.BASE, by=reviewer, selected_ids=[apps[1].id, apps[2].id],
           expert_opinion="经专家组评审，同意推荐。", hr_opinion="同意。", finance_opinion="同意。")
    notice = publish_notice(call, by=reviewer, starts_on=date(2025, 9, 29), working_days=5,
                            contact="郭慧娟 (0471) 6945102",
                            today=date(2025, 9, 29))
    confirm_list(notice, by=reviewer, today=date(2025, 10, 13))
    return apps
