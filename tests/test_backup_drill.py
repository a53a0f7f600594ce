"""The restore drill (issue 19 §3): a seeded and changed system is backed up, its database
dropped and its files deleted, restored from the archive, and then has every table's row count
and every file's hash of the manifest, and serves the same application page and the same PDF."""

import hashlib
import os
import re
import shutil
import subprocess

import psycopg
import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection, connections
from django.urls import reverse
from psycopg import sql

from audit.models import AuditAction, AuditLog
from backups import database, storage
from declare.models import Material
from declare.services.workflow import submit_application
from documents.models import RenderJob, RenderStatus

from .test_declare_workflow_builders import complete_application
from .test_uploads_samples import pdf_upload

pytest_plugins = ["tests.faults_fixtures"]


@pytest.fixture
def backup_settings(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.BACKUP_COPY_DIR = str(tmp_path / "offsite")
    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    return settings


def _page(client, url) -> str:
    """The page as served, without the per-request CSRF token."""
    response = client.get(url)
    assert response.status_code == 200
    return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[A-Za-z0-9]{64}', r"\1",
                  response.content.decode())


def _pdf_sha256(client, job) -> str:
    response = client.get(reverse("documents:download", args=[job.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return hashlib.sha256(b"".join(response.streaming_content)).hexdigest()


def _end_other_sessions(conn, dbname: str) -> None:
    """A connection an earlier test of the run left open (another thread's) would stop the
    DROP: end it as the cluster's superuser (root runs the suite, as in test_pitr), saying which
    it was, so a leak stays visible."""
    others = conn.execute("SELECT pid, usename, application_name FROM pg_stat_activity "
                          "WHERE datname = %s AND pid <> pg_backend_pid()", [dbname]).fetchall()
    if not others or os.geteuid() != 0:
        return
    print(f"drill: ending {len(others)} leftover session(s) on {dbname}: {others}")
    pids = ",".join(str(pid) for pid, *_ in others)
    subprocess.run(["runuser", "-u", "postgres", "--", "psql", "-qAtX", "-c",
                    f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid IN ({pids})"],  # noqa: S608 - integer pids read from the server
                   check=True, capture_output=True)


def _drop_and_create_empty(settings_dict) -> None:
    """DROP DATABASE and CREATE DATABASE, as the owner, from the maintenance database."""
    connections.close_all()
    params = {**database.owner_params(), "dbname": "postgres"}
    name = sql.Identifier(settings_dict["NAME"])
    with psycopg.connect(**params, autocommit=True) as conn:
        _end_other_sessions(conn, settings_dict["NAME"])
        conn.execute(sql.SQL("DROP DATABASE {}").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


@pytest.mark.django_db(transaction=True)
def test_dropped_database_and_files_come_back_from_the_backup_exactly(
        live_db, backup_settings, call, unit_a, alice, client, media_root, celery_eager,
        settings):
    # seed and change: sections filled, materials (incl. a sealed personal one), a real upload
    # through the page, a submission, a PDF render; each wrote audit rows
    app = complete_application(call=call, unit=unit_a, by=alice)
    client.force_login(alice)
    assert client.post(reverse("declare:materials", args=[app.pk]),
                       {"item": "evidence", "file": pdf_upload("佐证材料.pdf")}).status_code == 302
    submit_application(app, by=alice)
    client.post(reverse("documents:application", args=[app.pk]), {"kind": "form"})
    job = RenderJob.objects.get(application=app, kind="form")
    assert job.status == RenderStatus.DONE
    _page(client, reverse("declare:overview", args=[app.pk]))  # shows the flash messages, once
    page, pdf = _page(client, reverse("declare:overview", args=[app.pk])), _pdf_sha256(client, job)
    assert app.reference in page
    files_before = {n: storage.sha256_of(n) for n in storage.names()}
    assert len(files_before) == Material.objects.count() + 1 >= 3
    assert AuditLog.objects.count() > 0

    call_command("backup")
    archive_path, = backup_settings.BACKUP_DIR.glob("skill-*.skbk")
    offsite = backup_settings.BACKUP_COPY_DIR + "/" + archive_path.name
    assert open(offsite, "rb").read() == archive_path.read_bytes()
    assert not list(backup_settings.BACKUP_DIR.glob("*.partial"))

    _drop_and_create_empty(connection.settings_dict)
    shutil.rmtree(media_root)
    assert storage.names() == []
    call_command("restore", str(archive_path))

    manifest = _manifest_of(archive_path, backup_settings)
    counts = database.current_counts(database.owner_params())
    restore_row = AuditLog.objects.get(action=AuditAction.RESTORE)
    assert restore_row.pk > max(r.pk for r in AuditLog.objects.exclude(pk=restore_row.pk))
    assert counts == {**manifest["database"]["tables"],
                      "audit_auditlog": manifest["database"]["tables"]["audit_auditlog"] + 1}
    assert {n: storage.sha256_of(n) for n in storage.names()} == files_before == {
        n: e["sha256"] for n, e in manifest["files"].items()}
    # a cold cache: what is served now is read from the restored database and files
    settings.CACHES = {a: {**c, "KEY_PREFIX": c["KEY_PREFIX"] + "-restored"}
                       for a, c in settings.CACHES.items()}
    client.force_login(alice)
    assert _page(client, reverse("declare:overview", args=[app.pk])) == page
    assert _pdf_sha256(client, job) == pdf
    with connection.cursor() as cur:  # the app role's grants came back with the dump
        cur.execute("SELECT current_user, has_table_privilege('audit_auditlog', 'UPDATE'), "
                    "has_table_privilege('declare_application', 'UPDATE')")
        assert cur.fetchone() == ("skill_app", False, True)


def _manifest_of(path, settings) -> dict:
    from backups import archive, crypto

    with archive.staging_dir(settings.BACKUP_DIR) as work:
        return archive.unpack(path, crypto.parse_key(settings.BACKUP_ENCRYPTION_KEY), work)

