"""Personal data at rest and in documents (issue 14 §5): the recommender contact's 手机 is
encrypted in its row and its history; an ID-card scan and every cached rendering are sealed on
disk (core.sealed) and decrypted only when served; the 附件4 PDF and the 合订本 are masked for
the readers whose pages are masked (the recommender) and in full — audited — for those who read
personal data in full (the unit itself, the issuer's reviewer); experts never get identity
documents."""

import re
from io import BytesIO
from pathlib import Path

import pytest
from django.db import connection
from django.urls import resolve, reverse
from pypdf import PdfReader

from audit.models import AuditAction, AuditLog
from calls.choices import ProjectKind
from declare.models import Application, ApplicationStatus
from declare.services.materials import add_material
from documents.models import RenderJob, RenderStatus
from documents.samples import fill_application, id_number
from quotas.models import ContactPerson
from quotas.services import register_contact

from .factories import occupation
from .review_support import admit_all, assignments, expert_pool, forwarded, scoring_panel
from .test_uploads_samples import image_bytes, pdf_upload, upload

pytestmark = pytest.mark.django_db

MOBILE = "13904721234"
ID_NUMBER = id_number()          # 150202197503120011: the 技能大师's, as documents.samples fills it
MASKED_ID = "150202********0011"
SCAN = image_bytes("PNG", size=(64, 48), color=(10, 120, 200))


def _studio(call, unit, by):
    """A studio application of `unit` with its 身份证号, a 领办人身份证 scan and one 佐证材料
    uploaded through the service while a draft, then forwarded to the province."""
    app = forwarded(call, unit, kind=ProjectKind.STUDIO, code="6-18-02-04")
    fill_application(app, occupations=[occupation("6-18-02-04")])
    Application.objects.filter(pk=app.pk).update(status=ApplicationStatus.DRAFT)
    app.refresh_from_db()
    scan = add_material(app, item="id_card", uploaded_file=upload("身份证.png", SCAN, "image/png"),
                        by=by)
    evidence = add_material(app, item="host_statement", uploaded_file=pdf_upload("情况说明.pdf"),
                            by=by)
    Application.objects.filter(pk=app.pk).update(status=ApplicationStatus.FORWARDED)
    app.refresh_from_db()
    return app, scan, evidence


@pytest.fixture
def studio(call, unit_a, alice):
    return _studio(call, unit_a, alice)


def _on_disk(field_file) -> bytes:
    return Path(field_file.path).read_bytes()


def _render(client, user, app, kind, capture) -> RenderJob:
    client.force_login(user)
    with capture(execute=True):
        response = client.post(reverse("documents:application", args=[app.pk]), {"kind": kind})
    job = RenderJob.objects.get(pk=resolve(response.url).kwargs["job_id"])
    assert job.status == RenderStatus.DONE, job.error
    return job


def _download(client, job) -> bytes:
    response = client.get(reverse("documents:download", args=[job.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages))


def _reads(job, action) -> list:
    return list(AuditLog.objects.filter(object_type="documents.RenderJob", object_id=str(job.pk),
                                        action=action).values_list("actor__username", flat=True))


def test_the_contacts_mobile_is_stored_encrypted_in_its_row_and_its_history(call,
                                                                           recommender_x, rex):
    for mobile in ("13904729999", MOBILE):  # registered, then corrected: two history rows
        register_contact(call, recommender_x, by=rex, name="赵联络", phone="0472-5123456",
                         mobile=mobile)
    with connection.cursor() as cursor:
        cursor.execute("SELECT row_to_json(c)::text FROM quotas_contactperson c")
        rows = [r[0] for r in cursor.fetchall()]
        cursor.execute("SELECT row_to_json(h)::text FROM quotas_historicalcontactperson h")
        history = [r[0] for r in cursor.fetchall()]
    assert len(rows) == 1 and len(history) == 2
    assert not [r for r in rows + history if "1390472" in r]
    assert all('"mobile_encrypted":"enc1:' in r for r in rows + history)
    assert ContactPerson.objects.get().mobile == MOBILE


def test_an_id_card_scan_is_sealed_on_disk_and_served_whole_to_the_applicant(client, studio,
                                                                            alice):
    app, scan, evidence = studio
    stored = _on_disk(scan.file)
    assert stored.startswith(b"enc1:") and SCAN not in stored and b"PNG" not in stored
    assert _on_disk(evidence.file).startswith(b"%PDF-")  # not personal: stored as uploaded
    client.force_login(alice)
    response = client.get(reverse("declare:material_download", args=[app.pk, scan.pk]))
    assert b"".join(response.streaming_content) == SCAN
    assert list(AuditLog.objects.filter(object_type="declare.Material", object_id=str(scan.pk))
                .values_list("action", "actor__username")) == [(AuditAction.VIEW_PII, "alice")]


def test_the_applicant_gets_the_full_form_sealed_on_disk_and_the_read_is_audited(
        client, studio, alice, celery_eager, django_capture_on_commit_callbacks):
    app, _scan, _evidence = studio
    job = _render(client, alice, app, "form", django_capture_on_commit_callbacks)
    stored = _on_disk(job.file)
    assert stored.startswith(b"enc1:") and b"%PDF" not in stored
    served = _download(client, job)
    assert served.startswith(b"%PDF-") and len(served) == job.size
    text = _text(served)
    assert f"身份证号{ID_NUMBER}" in text and "13912345678" in text
    assert (job.masked, _reads(job, AuditAction.VIEW_PII)) == (False, ["alice"])


def test_the_recommender_gets_the_masked_form_and_never_the_full_one(
        client, studio, alice, rex, celery_eager, django_capture_on_commit_callbacks):
    app, _scan, _evidence = studio
    full = _render(client, alice, app, "form", django_capture_on_commit_callbacks)
    masked = _render(client, rex, app, "form", django_capture_on_commit_callbacks)
    assert masked.pk != full.pk and masked.content_hash != full.content_hash
    assert masked.download_name == f"{app.reference} 附件4（脱敏）.pdf"
    text = _text(_download(client, masked))
    assert f"身份证号{MASKED_ID}" in text and "139****5678" in text
    assert ID_NUMBER not in text and "13912345678" not in text
    assert (_reads(masked, AuditAction.DOWNLOAD), _reads(masked, AuditAction.VIEW_PII)) == (
        ["rex"], [])
    # the unit's full rendering is neither listed to the recommender nor reachable by its id
    page = client.get(reverse("documents:application", args=[app.pk])).content.decode()
    assert reverse("documents:download", args=[masked.pk]) in page
    assert reverse("documents:download", args=[full.pk]) not in page
    for name in ("documents:job", "documents:progress", "documents:download"):
        assert client.get(reverse(name, args=[full.pk])).status_code == 404, name
    assert _reads(full, AuditAction.VIEW_PII) == []


def test_the_issuers_reviewer_reads_the_form_in_full_as_on_the_pages_and_is_audited(
        client, studio, rita, celery_eager, django_capture_on_commit_callbacks):
    app, _scan, _evidence = studio
    job = _render(client, rita, app, "form", django_capture_on_commit_callbacks)
    assert f"身份证号{ID_NUMBER}" in _text(_download(client, job))
    assert (job.masked, _reads(job, AuditAction.VIEW_PII)) == (False, ["rita"])


def test_the_masked_bundle_masks_the_form_and_leaves_the_identity_documents_out(
        client, studio, alice, rex, celery_eager, django_capture_on_commit_callbacks):
    app, _scan, _evidence = studio
    full = _text(_download(client, _render(client, alice, app, "bundle",
                                           django_capture_on_commit_callbacks)))
    masked = _text(_download(client, _render(client, rex, app, "bundle",
                                             django_capture_on_commit_callbacks)))
    assert "领办人身份证" in full and ID_NUMBER in full
    assert "领办人身份证" not in masked and ID_NUMBER not in masked and MASKED_ID in masked
    assert "工作室所依托的企业或职业培训机构有关情况说明" in masked  # other materials stay


@pytest.fixture
def expert_task(call, studio, region, rita, recommender_x):
    app = studio[0]
    admit_all(call, rita, [recommender_x])
    panel = scoring_panel(call, rita, expert_pool(region, 5), kind=ProjectKind.STUDIO)
    return next(a for a in assignments(panel) if a.application_id == app.id)


def test_an_expert_is_neither_shown_nor_served_identity_documents(client, studio, expert_task):
    app, scan, evidence = studio
    client.force_login(expert_task.expert.user)
    page = client.get(reverse("review:sheet", args=[expert_task.pk])).content.decode()
    assert "情况说明.pdf" in page and "身份证.png" not in page and "领办人身份证" not in page
    scan_url = reverse("review:sheet_material", args=[expert_task.pk, scan.pk])
    assert client.get(scan_url).status_code == 404
    served = client.get(reverse("review:sheet_material", args=[expert_task.pk, evidence.pk]))
    assert b"".join(served.streaming_content).startswith(b"%PDF-")
    for name in ("documents:application", "declare:materials"):
        assert client.get(reverse(name, args=[app.pk])).status_code == 404, name
    assert client.get(reverse("declare:material_download",
                              args=[app.pk, scan.pk])).status_code == 404
