"""Review objects of the matrix world: a panel scoring on the main call (eve assigned, eve2
in the pool only) and a second call taken all the way to 公示, objection and 备案 (the
package built by the worker's service)."""

import hashlib
from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.test import TestCase

from calls.choices import ProjectKind
from declare.models import Material
from review.models import Assignment, ObjectionOutcome
from review.services.decision import decide
from review.services.filing import file_call, run_filing
from review.services.notice import confirm_list, publish_notice, record_objection, resolve_objection
from review.services.panels import assign, auto_assign, create_panel, set_panel, start_scoring
from review.services.rubrics import ensure_default_rubrics
from review.services.scoring import close_panel

from ..factories import CallFactory, ExpertFactory, QuotaFactory
from ..review_support import admit_all, expert, fill, forwarded
from ..test_uploads_samples import pdf_bytes

OPINIONS = {"expert_opinion": "经专家组评审，同意推荐。", "hr_opinion": "同意。",
            "finance_opinion": "同意。"}


def _panel(call, rita, members, chair):
    ensure_default_rubrics(call, by=rita)
    panel = create_panel(call, ProjectKind.BASE, by=rita)
    set_panel(panel, experts=members, chair=chair, per_application=None,
              spread_flag=Decimal("20"), by=rita)
    auto_assign(panel, by=rita)
    return panel


def _material(app, title):
    """A 申报材料 as the upload service stores it (the application is past draft already)."""
    data = pdf_bytes()
    m = Material(application=app, item="evidence", title=title, content_type="application/pdf",
                 size=len(data), sha256=hashlib.sha256(data).hexdigest())
    m.file.save(f"{title}.pdf", ContentFile(data), save=True)
    return m


def _ensure_assigned(panel, apps, member, rita):
    for app in apps:
        if not Assignment.objects.filter(panel=panel, application=app, expert=member).exists():
            assign(panel, application=app, expert=member, by=rita)


def build_review(w, *, call, region, unit_a, unit_b, recommender_x):
    u = w.users
    rita = u["rita"]
    w.expert_eve = ExpertFactory(organisation=region, user=u["eve"], name="评审专家伊娃")
    w.expert_eve2 = ExpertFactory(organisation=region, user=u["eve2"], name="未分配专家")
    others = [expert(region, username=f"mx{i}", name=f"专家mx{i}") for i in range(4)]
    w.fwd_a, w.fwd_b = forwarded(call, unit_a), forwarded(call, unit_b)
    w.fwd_material = _material(w.fwd_a, "营业执照")
    admit_all(call, rita, [recommender_x])
    w.panel = _panel(call, rita, [others[0], w.expert_eve, *others[1:]], chair=others[0])
    _ensure_assigned(w.panel, [w.fwd_a, w.fwd_b], w.expert_eve, rita)
    start_scoring(w.panel, by=rita)
    w.assignment_eve = Assignment.objects.get(panel=w.panel, application=w.fwd_a,
                                              expert=w.expert_eve)
    w.submitted_sheet = fill(Assignment.objects.get(panel=w.panel, application=w.fwd_a,
                                                    expert=others[1]), Decimal("0.8"))
    _closed_call(w, region=region, unit_a=unit_a, unit_b=unit_b, recommender_x=recommender_x,
                 eve_expert=w.expert_eve)


def _closed_call(w, *, region, unit_a, unit_b, recommender_x, eve_expert):
    """call2: closed panel (eve a member), decision, 公示 with a resolved objection, filed."""
    rita = w.users["rita"]
    call2 = CallFactory(issuer=region, title="已备案批次", offers_studio=False)
    call2.recommenders.add(recommender_x)
    QuotaFactory(call=call2, recommender=recommender_x, kind=ProjectKind.BASE, amount=2)
    apps = [forwarded(call2, unit_a), forwarded(call2, unit_b)]
    admit_all(call2, rita, [recommender_x])
    members = [expert(region, username=f"mc{i}", name=f"专家mc{i}") for i in range(4)]
    panel = _panel(call2, rita, [members[0], eve_expert, *members[1:]], chair=members[0])
    _ensure_assigned(panel, apps, eve_expert, rita)
    start_scoring(panel, by=rita)
    for a in Assignment.objects.filter(panel=panel).select_related("expert__user", "panel"):
        fill(a, Decimal("0.9") if a.application_id == apps[0].id else Decimal("0.7"))
    close_panel(panel, by=members[0].user)
    decide(call2, ProjectKind.BASE, by=rita, selected_ids=[apps[0].id], **OPINIONS)
    notice = publish_notice(call2, by=rita, starts_on=date(2025, 9, 29), working_days=5,
                            contact="郭慧娟 (0471) 6945102",
                            today=date(2025, 9, 29))
    w.notice = notice
    w.objection = record_objection(notice, by=rita, received_on=date(2025, 9, 30), name="张三",
                                   contact="13800000000", content="培训人次数据不实",
                                   application=apps[0])
    resolve_objection(w.objection, by=rita, outcome=ObjectionOutcome.DISMISSED,
                      handling="经核查，异议不成立。")
    confirm_list(notice, by=rita, today=date(2025, 10, 13))
    with TestCase.captureOnCommitCallbacks():  # the job is not sent: built here, as the worker would
        w.filing = file_call(call2, by=rita)
    with TestCase.captureOnCommitCallbacks(execute=True):
        w.filing = run_filing(w.filing.pk)
    w.call2, w.closed_panel, w.call2_apps = call2, panel, apps
