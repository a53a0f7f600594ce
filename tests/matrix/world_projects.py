"""Post-award objects of the matrix world: projects of unit A in construction, awaiting
acceptance and accepted, with a progress report (evidence), spending, an evaluation and a
pending change request (with its document)."""

from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from calls.choices import CallLevel, ProjectKind
from projects.services import (
    apply_for_acceptance,
    decide_acceptance,
    record_evaluation,
    record_spending,
    report_progress,
    request_change,
)

from ..factories import CallFactory
from ..test_projects_support import approved, make_project, pdf_bytes, ready_for_acceptance


def build_projects(w, *, region, unit_a):
    """On a city-level call with flat subsidies (like Ordos), issued by the region."""
    u = w.users
    call = w.call3 = CallFactory(issuer=region, level=CallLevel.CITY, title="市级批次",
                                 subsidy_base=Decimal("20.00"), subsidy_studio=Decimal("5.00"))
    alice, rita = u["alice"], u["rita"]
    w.project = make_project(call, unit_a, rita)
    w.milestone = w.project.milestones.first()
    w.progress = report_progress(w.milestone, by=alice, text="完成2门课程开发",
                                 evidence=SimpleUploadedFile("课程.pdf", pdf_bytes()))
    record_spending(w.project, by=alice, spent_on=date(2025, 4, 1), purpose="equipment",
                    source="central", content="capacity", amount=Decimal("1.00"),
                    description="购置实训设备")
    record_evaluation(w.project, by=rita, kind="inspection", findings="按计划推进",
                      grade="good", evaluated_on=date(2025, 5, 1))
    w.change = request_change(w.project, by=alice, kind="dissolve", reason="单位撤销",
                              document=SimpleUploadedFile("撤销批复.pdf", pdf_bytes(),
                                                          content_type="application/pdf"))
    w.project_waiting = make_project(call, unit_a, rita)
    apply_for_acceptance(ready_for_acceptance(w.project_waiting, alice), by=alice,
                         comment="全部完成")
    w.project_accepted = make_project(call, unit_a, rita, kind=ProjectKind.STUDIO)
    apply_for_acceptance(ready_for_acceptance(w.project_accepted, alice), by=alice)
    decide_acceptance(w.project_accepted, by=rita, passed=True, findings="验收合格。",
                      decided_on=timezone.localdate())
    w.project_accepted.refresh_from_db()
    w.awaiting_app = approved(call, unit_a, user=alice)
