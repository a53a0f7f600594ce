"""Declaration and recommendation objects of the matrix world, made through the services."""

from calls.choices import ProjectKind
from core import pii
from declare.models import ApplicationStatus
from declare.services.materials import add_material
from declare.services.sections import save_section
from declare.services.snapshots import create_snapshot
from declare.services.workflow import return_for_revision
from documents.services import request_application_document, request_summary, run_render_job
from quotas.models import ContactChangeRequest
from quotas.services import ensure_package

from ..quotas_support import fill_package, submitted_application
from ..test_uploads_samples import pdf_upload

DRAFT_SECTION = {"name": "王师傅", "skill_level": "1"}


def build_declare(w, *, call, unit_a, unit_b, recommender_x):
    u = w.users
    w.app_a = submitted_application(call=call, unit=unit_a, created_by=u["alice"])
    w.snapshot = create_snapshot(w.app_a, by=u["alice"])
    w.app_b = submitted_application(call=call, unit=unit_b, created_by=u["bob"])
    w.app_a_draft = submitted_application(call=call, unit=unit_a, kind=ProjectKind.STUDIO,
                                          status=ApplicationStatus.DRAFT, complete=False,
                                          created_by=u["alice"])
    w.app_b_draft = submitted_application(call=call, unit=unit_b, status=ApplicationStatus.DRAFT,
                                          complete=False, created_by=u["bob"])
    w.app_a_returned = submitted_application(call=call, unit=unit_a, created_by=u["alice"])
    return_for_revision(w.app_a_returned, by=u["rex"], comments="请补充培训人次证明。")
    w.section_key = "master"
    w.draft_section = save_section(application=w.app_a_draft, key=w.section_key,
                                   data=DRAFT_SECTION, base_version=1, by=u["alice"])
    w.material_draft = add_material(w.app_a_draft, item="evidence", by=u["alice"],
                                    uploaded_file=pdf_upload("佐证材料.pdf"))
    w.material_returned = add_material(w.app_a_returned, item="evidence", by=u["alice"],
                                       uploaded_file=pdf_upload("补充证明.pdf"))
    w.package_x = ensure_package(call, recommender_x)
    fill_package(w.package_x, by=u["rex"])
    w.scan = w.package_x.report.scans.first()
    # a 联系人 change request as a locked package leaves it (quotas.services.contact)
    w.contact_request = ContactChangeRequest.objects.create(
        package=w.package_x, name="王新", phone="0472-5123456",
        mobile_encrypted=pii.encrypt("13900000000"), reason="原联系人调岗", requested_by=u["rex"])
    w.job_app = request_application_document(application=w.app_a, kind="form", by=u["alice"])
    w.job_app_masked = request_application_document(application=w.app_a, kind="form",
                                                    by=u["rex"])
    w.job_summary = request_summary(call=call, recommender=recommender_x, kind="base",
                                    fmt="xlsx", by=u["rex"])
    run_render_job(w.job_summary.pk)
