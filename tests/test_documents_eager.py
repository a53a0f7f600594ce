"""Render jobs run in the request when Celery is in-process (`make run` without Redis): a disk
that refuses the file fails the job with the Chinese message, it does not raise Celery's Retry
into the page (a 500)."""

import pytest
from django.urls import reverse

from documents.models import RenderJob, RenderStatus
from documents.samples import fill_application
from documents.services import GENERIC_ERROR

from .factories import ApplicationFactory, occupation

pytest_plugins = ["tests.faults_fixtures"]


@pytest.mark.django_db(transaction=True)
def test_in_process_render_that_cannot_write_fails_the_job_instead_of_a_server_error(
        live_db, call, unit_a, alice, client, settings, tmp_path, celery_eager):
    app = ApplicationFactory(call=call, unit=unit_a, created_by=alice, reference="2025-JD-0201")
    fill_application(app, occupations=[occupation("6-18-01-01")])
    blocked = tmp_path / "blocked"
    blocked.write_text("not a directory")
    settings.STORAGES = {**settings.STORAGES, "default": {
        **settings.STORAGES["default"], "OPTIONS": {"location": str(blocked / "private")}}}
    client.force_login(alice)
    r = client.post(reverse("documents:application", args=[app.pk]), {"kind": "form"},
                    follow=True)
    job = RenderJob.objects.get(application=app)
    assert (r.status_code, job.status, job.attempts) == (200, RenderStatus.FAILED, 1)
    assert job.error == GENERIC_ERROR.format(id=job.pk)
    assert GENERIC_ERROR.format(id=job.pk) in r.content.decode()
