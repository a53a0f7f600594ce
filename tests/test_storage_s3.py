"""Private files in an S3-compatible bucket (issue 19 §7), against a real S3 server on loopback:
moto's server mode (moto[server] from PyPI), started here as a separate process and spoken to
over HTTP by boto3 through django-storages, exactly as a bucket shared by several web nodes.
An upload, a sealed rendering and the downloads go through the app; nothing lands on disk."""

import hashlib
import socket
import subprocess
import sys
import time
import uuid
from datetime import timedelta

import boto3
import pytest
from django.urls import resolve, reverse
from django.utils import timezone

from calls.choices import ProjectKind
from core import pii
from core.sealed import open_plain, seal_stored
from declare.models import Material
from documents.models import RenderJob, RenderStatus
from uploads.purge import unreferenced_files

from .test_declare_workflow_builders import complete_application
from .test_uploads_samples import image_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db
KEYS = {"access_key": "test-access", "secret_key": "test-secret", "region_name": "us-east-1"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p",
                               str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("moto server did not start")
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def bucket(s3_endpoint, settings, tmp_path):
    """A fresh private bucket as the default storage, configured as config/settings.py does
    when S3_BUCKET is set."""
    name = f"skill-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, aws_access_key_id=KEYS["access_key"],
                          aws_secret_access_key=KEYS["secret_key"], region_name="us-east-1")
    client.create_bucket(Bucket=name)
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "core.storage.PrivateS3Storage",
        "OPTIONS": {"bucket_name": name, "endpoint_url": s3_endpoint, "location": "private",
                    "addressing_style": "path", "signature_version": "s3v4", **KEYS}}}
    return client, name


def _object(bucket, key) -> bytes:
    client, name = bucket
    return client.get_object(Bucket=name, Key=f"private/{key}")["Body"].read()


def _keys(bucket) -> list[str]:
    client, name = bucket
    return sorted(o["Key"] for o in client.list_objects_v2(Bucket=name).get("Contents", []))


def test_uploads_renderings_and_downloads_round_trip_through_the_bucket(
        client, bucket, call, unit_a, alice, tmp_path, celery_eager,
        django_capture_on_commit_callbacks):
    app = complete_application(call=call, unit=unit_a, by=alice, kind=ProjectKind.STUDIO,
                               codes=("6-18-02-04",), materials=False)
    scan, statement = image_bytes("PNG", size=(64, 48)), pdf_bytes(2)
    client.force_login(alice)
    url = reverse("declare:materials", args=[app.pk])
    for item, f in (("id_card", upload("身份证.png", scan, "image/png")),
                    ("host_statement", upload("情况说明.pdf", statement, "application/pdf"))):
        assert client.post(url, {"item": item, "file": [f]}).status_code == 302
    card, note = app.materials.get(item="id_card"), app.materials.get(item="host_statement")
    assert _keys(bucket) == sorted(f"private/{m.file.name}" for m in (card, note))
    assert not (tmp_path / "private").exists()  # the local disk is not used at all
    assert _object(bucket, card.file.name).startswith(b"enc1:")  # personal: sealed in the bucket
    assert _object(bucket, note.file.name) == statement
    for m, original in ((card, scan), (note, statement)):
        response = client.get(reverse("declare:material_download", args=[app.pk, m.pk]))
        assert b"".join(response.streaming_content) == original

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("documents:application", args=[app.pk]),
                               {"kind": "bundle"})
    job = RenderJob.objects.get(pk=resolve(response.url).kwargs["job_id"])
    assert job.status == RenderStatus.DONE, job.error
    stored = _object(bucket, job.file.name)
    assert stored.startswith(b"enc1:") and f"private/{job.file.name}" in _keys(bucket)
    served = b"".join(client.get(reverse("documents:download", args=[job.pk])).streaming_content)
    assert served.startswith(b"%PDF") and served == pii.decrypt_bytes(stored)


def test_rewriting_a_stored_file_in_place_and_listing_work_on_the_bucket(bucket, call, unit_a,
                                                                         alice):
    app = complete_application(call=call, unit=unit_a, by=alice)
    m = Material.objects.filter(application=app).first()
    plain = _object(bucket, m.file.name)
    assert hashlib.sha256(plain).hexdigest() == m.sha256
    assert seal_stored(m.file) is True and seal_stored(m.file) is False
    assert _object(bucket, m.file.name).startswith(b"enc1:")
    assert open_plain(m.file).read() == plain
    later = timezone.now() + timedelta(minutes=1)
    names = {x.file.name for x in app.materials.all()}
    assert unreferenced_files(m.file.storage, "materials", names, older_than=later) == []
    assert unreferenced_files(m.file.storage, "materials", set(), older_than=later) == \
        sorted(names)
    with pytest.raises(NotImplementedError):
        m.file.url  # noqa: B018 — no link into the bucket is ever handed out


def test_s3_bucket_in_the_environment_selects_the_bucket(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "S3_BUCKET": "skill-files", "S3_ENDPOINT_URL":
           "http://127.0.0.1:9000", "S3_PREFIX": "private", "DJANGO_SETTINGS_MODULE":
           "config.settings", "HOME": str(tmp_path)}
    code = ("import django; django.setup(); from django.core.files.storage import storages; "
            "s = storages['default']; print(type(s).__name__, s.bucket_name, s.endpoint_url, "
            "s.location, s.file_overwrite, s.default_acl)")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=60, check=True)
    assert out.stdout.split() == ["PrivateS3Storage", "skill-files", "http://127.0.0.1:9000",
                                  "private", "False", "None"]
    bad = subprocess.run([sys.executable, "-c", "import django; django.setup()"],
                         env={**env, "S3_ENDPOINT_URL": "127.0.0.1:9000"}, capture_output=True,
                         text=True, timeout=60)
    assert bad.returncode != 0 and "S3_ENDPOINT_URL 必须以 http:// 或 https:// 开头" in bad.stderr
