"""Issue 18 §12: the demo data is consistent — every application of the 2025 call the demo calls
complete (the two complete drafts and every submitted one) is complete as the applicant's
overview reads it (declare.services.sections.completeness: sections and required uploads),
every text speaks of the application's own occupations, and every project's 验收要点 of its
own occupation."""

import pytest
from django.core.management import call_command

from calls.models import Call
from declare.models import Application, ApplicationStatus
from declare.services.materials import checklist_status
from declare.services.sections import completeness
from projects.models import Project

pytestmark = pytest.mark.django_db

# A word that names one occupation's work → the 大典 codes it may appear under.
SIGNATURES = {
    "车工": {"6-18-01-01"}, "数控车削": {"6-18-01-01"},
    "焊工": {"6-18-02-04"}, "焊接": {"6-18-02-04"},
    "马头琴": {"6-09-02-04"},
    "化工总控": {"6-11-01-03"}, "煤化工": {"6-11-01-03"},
}
COMPLETE_DRAFTS = ("包头市装备制造技师学院", "通辽市科尔沁民族工艺研究所")


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    return Call.objects.get(doc_number="内人社办发〔2025〕105号")


def _texts(value) -> str:
    if isinstance(value, dict):
        return " ".join(_texts(v) for v in value.values())
    if isinstance(value, list):
        return " ".join(_texts(v) for v in value)
    return value if isinstance(value, str) else ""


def said_complete(call):
    return (Application.objects.filter(call=call)
            .exclude(status=ApplicationStatus.DRAFT) | Application.objects.filter(
                call=call, unit__name__in=COMPLETE_DRAFTS)).distinct().order_by("reference")


def test_every_application_called_complete_is_complete(demo):
    apps = list(said_complete(demo))
    assert len(apps) >= 8   # 2 complete drafts, 包头市's 5 bases and 1 studio
    wrong = []
    for app in apps:
        missing = [s["summary"] for s in completeness(app) if not s["complete"]]
        uploads = [r["item"].label for r in checklist_status(app) if r["missing"]]
        if missing or uploads:
            wrong.append(f"{app.reference} {app.unit.name}: {missing} {uploads}")
    assert not wrong, "\n".join(wrong)


def test_texts_speak_only_of_the_applications_own_occupations(demo):
    wrong = []
    for app in Application.objects.filter(call=demo).prefetch_related(
            "sections", "specialities__occupation"):
        codes = {s.occupation.code for s in app.specialities.all()}
        names = [s.occupation.name for s in app.specialities.all()]
        text = " ".join(_texts(s.data) for s in app.sections.all())
        for word, allowed in SIGNATURES.items():
            if word in text and not codes & allowed:
                wrong.append(f"{app.reference} {app.unit.name}（{'、'.join(names)}）: “{word}”")
        if len(text) > 2000 and not any(n in text for n in names):
            wrong.append(f"{app.reference} {app.unit.name}: never names {names}")
    assert not wrong, "\n".join(wrong)


def test_every_projects_acceptance_points_are_of_its_occupation(demo):
    wrong = []
    for project in Project.objects.select_related("occupation", "unit"):
        code = project.occupation.code if project.occupation else ""
        points = " ".join(f"{m.item} {m.point}" for m in project.milestones.all())
        for word, allowed in SIGNATURES.items():
            if word in points and code not in allowed:
                wrong.append(f"{project.unit.name}（{project.occupation}）: 验收要点 “{word}”")
    assert not wrong, "\n".join(wrong)
    accepted = Project.objects.get(application__reference="ORD-2023-JD-001")
    assert "化工" in " ".join(m.point for m in accepted.milestones.all())
    assert accepted.plaque_number and accepted.spendings.exists()
