"""Every download of a private file writes the one event log (audit.AuditLog): who, what, from
where; a rendered 附件3 (unmasked 身份证号) as a read of personal data, a summary as an export."""

import pytest
from django.urls import reverse

from audit.models import AuditAction, AuditLog
from declare.services.materials import add_material
from documents.models import RenderJob, RenderStatus

from .test_declare_workflow_builders import complete_application
from .test_uploads_samples import png_upload

pytestmark = pytest.mark.django_db


def _entries(obj, action):
    return list(AuditLog.objects.filter(object_type=obj._meta.label, object_id=str(obj.pk),
                                        action=action))


def test_a_material_download_is_logged_with_actor_object_and_address(client, call, unit_a, alice):
    app = complete_application(call=call, unit=unit_a, by=alice)
    material = add_material(app, item="evidence", uploaded_file=png_upload("身份证 正面.png"),
                            by=alice)
    client.force_login(alice)
    response = client.get(reverse("declare:material_download", args=[app.pk, material.pk]),
                          REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
    [entry] = _entries(material, AuditAction.DOWNLOAD)
    assert (entry.actor, entry.ip, entry.detail["file"]) == (alice, "10.1.2.3", "身份证 正面.png")


def test_a_refused_download_is_not_logged_as_a_download(client, call, unit_a, alice, bob):
    app = complete_application(call=call, unit=unit_a, by=alice)
    material = add_material(app, item="evidence", uploaded_file=png_upload("a.png"), by=alice)
    client.force_login(bob)
    assert client.get(reverse("declare:material_download",
                              args=[app.pk, material.pk])).status_code == 404
    assert _entries(material, AuditAction.DOWNLOAD) == []


def test_a_rendered_annex3_download_is_logged_as_reading_personal_data(
        client, call, unit_a, alice, celery_eager, django_capture_on_commit_callbacks):
    app = complete_application(call=call, unit=unit_a, by=alice)
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("documents:application", args=[app.pk]), {"kind": "form"})
    job = RenderJob.objects.get(application=app)
    assert job.status == RenderStatus.DONE, job.error
    response = client.get(reverse("documents:download", args=[job.pk]))
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    [entry] = _entries(job, AuditAction.VIEW_PII)
    assert entry.actor == alice and entry.detail["kind"] == "form"


def test_a_summary_download_is_logged_as_an_export(client, call, recommender_x, rex,
                                                   celery_eager,
                                                   django_capture_on_commit_callbacks):
    client.force_login(rex)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("documents:summary", args=[call.pk]),
                    {"recommender": recommender_x.pk, "kind": "base", "fmt": "xlsx"})
    job = RenderJob.objects.get(call=call, recommender=recommender_x)
    assert job.status == RenderStatus.DONE, job.error
    response = client.get(reverse("documents:download", args=[job.pk]))
    assert response.status_code == 200
    [entry] = _entries(job, AuditAction.EXPORT)
    assert entry.actor == rex
