"""Demo applications (seed_demo step): two complete drafts and one partly filled draft.

"Complete" means what the applicant's overview says: every section complete and every required
checklist material uploaded (declare.services.sections.completeness); the demo uploads a
one-page PDF for each required item still missing, through the checked upload service.

Every section goes through the same SectionForm an applicant uses, so demo data is valid by
construction; a form error here stops the seed with the message. Idempotent: an application
of the unit, kind and call that exists is reused, and sections equal to what is stored are
not saved again. Applications the workflow has moved on (submitted…) are left alone.
"""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from calls.choices import Category, ProjectKind
from calls.models import Call
from catalog.selectors import get_occupation
from orgs.models import Organisation

from ..forms import SectionForm, to_post
from ..models import Application
from ..schema import section_spec
from ..services.applications import create_application
from ..services.materials import add_material, checklist_status
from ..services.sections import save_section
from . import base, studio, year2026

CALL = "内人社办发〔2025〕105号"


def _application(call, unit_name, kind, category, tier, occupations):
    unit = Organisation.objects.get(name=unit_name)
    user = unit.memberships.select_related("user").first().user
    app = Application.objects.filter(call=call, unit=unit, kind=kind).first()
    if app is None:
        app = create_application(
            unit=unit, call=call, kind=kind, category=category, tier=tier, by=user,
            occupations=[(get_occupation(code), work) for code, work in occupations])
    return app, user


def fill(app, values: dict, user) -> None:
    """Save each section's values through the applicant's form (raises on invalid data)."""
    if not app.is_editable:
        return
    stored = {s.key: s.version for s in app.sections.all()}
    for key, data in values.items():
        spec = section_spec(app.kind, key, form=app)
        version = stored.get(key, 0)
        form = SectionForm(spec, data=to_post(spec, data, version=version), version=version)
        if not form.is_valid():
            raise ValueError(f"演示数据 {app.reference} {key} 无效：{form.errors.as_text()}")
        save_section(application=app, key=key, data=form.values(), base_version=version, by=user)


def demo_pdf(title: str) -> SimpleUploadedFile:
    """A one-page PDF named after the checklist item it stands for."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return SimpleUploadedFile(f"{title}.pdf", out.getvalue(), "application/pdf")


def upload_missing(app, by) -> None:
    """Every required checklist item not yet satisfied gets its (demo) PDF."""
    if not app.is_editable:
        return
    for row in checklist_status(app):
        if row["missing"]:
            add_material(app, item=row["item"].key, by=by,
                         uploaded_file=demo_pdf(row["item"].label[:30]))


def seed(out) -> dict:
    call = Call.objects.get(doc_number=CALL)
    jd, jd_user = _application(call, "包头市装备制造技师学院", ProjectKind.BASE,
                               Category.MANUFACTURING, "A", base.SPECIALITIES)
    fill(jd, base.sections(jd.unit.credit_code), jd_user)
    upload_missing(jd, jd_user)
    gz, gz_user = _application(call, "通辽市科尔沁民族工艺研究所", ProjectKind.STUDIO,
                               Category.OTHER, "", [(studio.OCCUPATION, studio.WORK_TYPE)])
    fill(gz, studio.sections(), gz_user)
    upload_missing(gz, gz_user)
    hk, hk_user = _application(call, "呼和浩特市青城家政服务职业培训学校", ProjectKind.BASE,
                               Category.SERVICE, "A", [(studio.HOUSEKEEPING_OCCUPATION, "")])
    fill(hk, studio.HOUSEKEEPING, hk_user)
    out.write(f"  演示申报：{jd.reference}（完整）、{gz.reference}（完整）、{hk.reference}（部分填写）")
    later = year2026.seed(out, call, application=_application, fill=fill,
                          upload_missing=upload_missing)
    return {"demo_applications": {"base": jd, "studio": gz, "partial": hk}, **later}
