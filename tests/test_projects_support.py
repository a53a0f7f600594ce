"""Shared builders for the projects tests: approved applications and projects made through
the services (imported by the test_projects_* modules; holds no tests itself)."""

from datetime import date
from decimal import Decimal

import pytest

from calls.choices import CallLevel, Category, ProjectKind
from declare.models import ApplicationStatus, Section, Speciality
from projects.services import create_project_from_application

from .factories import ApplicationFactory, CallFactory, occupation

BASE_PLAN = {
    "system": [{"item": "开发课程", "year1": "完成2门课程", "year2": "完成6门课程"},
               {"item": "编写教材", "year1": "", "year2": "出版教材2部"}],
    "capacity": [{"item": "改造工位", "year1": "改造20个工位", "year2": "改造40个工位"}],
    "results": [{"item": "总结", "year1": "阶段总结", "year2": "总结报告"}],
}
BASE_BUDGET = {"budget": {
    "system": {"central": "6.00", "local": "2.00", "industry": "1.00", "other": "0.00"},
    "capacity": {"central": "10.00", "local": "3.00", "industry": "4.00", "other": "0.00"},
    "results": {"central": "4.00", "local": "1.00", "industry": "0.00", "other": "0.00"},
}}
STUDIO_SECTIONS = {"master": {"name": "王师傅", "skill_level": "1"},
                   "report": {"plan": "带徒20名，完成攻关2项"}}


def pdf_bytes() -> bytes:
    """A small, valid one-page PDF (as the upload checks parse it)."""
    from io import BytesIO

    from pypdf import PdfWriter

    writer, out = PdfWriter(), BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    return out.getvalue()


def approved(call, unit, kind=ProjectKind.BASE, sections=None, code=None, user=None,
             category=Category.MANUFACTURING):
    """An application the review has approved, with its sections and one speciality."""
    base = kind == ProjectKind.BASE
    app = ApplicationFactory(call=call, unit=unit, kind=kind, tier="A" if base else "",
                             category=category, status=ApplicationStatus.APPROVED,
                             **({"created_by": user} if user else {}))
    Speciality.objects.create(application=app, position=1,
                              occupation=occupation(code or ("6-18-02-04" if base else "6-09-03-12")))
    default = {"t3_1_2": BASE_PLAN, "t4_2": BASE_BUDGET} if base else STUDIO_SECTIONS
    for key, data in (default if sections is None else sections).items():
        Section.objects.create(application=app, key=key, data=data)
    return app


def make_project(call, unit, by, kind=ProjectKind.BASE, released_on=date(2025, 3, 1), **kw):
    return create_project_from_application(approved(call, unit, kind), by=by,
                                           released_on=released_on, **kw)


@pytest.fixture
def city_call(region):
    """A city-level call (like Ordos) with flat subsidies 20万/5万, issued by `region`."""
    return CallFactory(issuer=region, level=CallLevel.CITY, subsidy_base=Decimal("20.00"),
                       subsidy_studio=Decimal("5.00"))


@pytest.fixture
def base_project(city_call, unit_a, rita, alice):
    return make_project(city_call, unit_a, rita)


@pytest.fixture
def studio_project(city_call, unit_a, rita, alice):
    return make_project(city_call, unit_a, rita, kind=ProjectKind.STUDIO)


def ready_for_acceptance(project, unit_user, spent_on=date(2025, 6, 1)):
    """What an acceptance application needs besides time (projects.acceptance): a progress
    report on every 验收要点 and one payment recorded (1 万元 of the subsidy)."""
    from projects.choices import Purpose
    from projects.services import record_spending, report_progress

    for milestone in project.milestones.all():
        report_progress(milestone, by=unit_user, text="已按计划完成。")
    base = project.kind == ProjectKind.BASE
    record_spending(project, by=unit_user, spent_on=spent_on, source="central",
                    purpose=Purpose.EQUIPMENT if base else Purpose.INNOVATION,
                    content="capacity" if base else "", amount=Decimal("1.00"),
                    description="实训设备购置" if base else "攻关耗材")
    return project
