"""Removed uploads are purged (issue 14 §7: 16 files were stored for 3 live materials): only
files that no live material and no submitted version refers to, only once older than the grace
period (an upload being saved is never touched), every deletion audited; by the nightly beat
task and by `manage.py purge_uploads` (with --dry-run)."""

import io
import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditAction, AuditLog
from declare import tasks
from declare.beat import SCHEDULE
from declare.models import Material
from declare.services.materials import add_material, remove_material
from declare.services.purge import STEP
from declare.services.workflow import return_for_revision, submit_application

from .test_declare_workflow_builders import complete_application
from .test_uploads_samples import pdf_upload

pytestmark = pytest.mark.django_db
TWO_DAYS_AGO = timezone.now() - timedelta(days=2)


def root() -> Path:
    return Path(settings.STORAGES["default"]["OPTIONS"]["location"])


def stray_file(app, name: str, *, age: timedelta) -> Path:
    """A file under materials/ that no row refers to (its upload's transaction rolled back, or
    still being saved), last written `age` ago."""
    path = root() / "materials" / str(app.pk) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4 stray")
    written = time.time() - age.total_seconds()
    os.utime(path, (written, written))
    return path


def removed(material: Material, *, when) -> Material:
    Material.objects.filter(pk=material.pk).update(removed_at=when)
    material.refresh_from_db()
    return material


@pytest.fixture
def store(call, unit_a, alice, rex):
    """One application with: a live material, one removed after a submitted version referred
    to it, one removed two days ago and one an hour ago (both never submitted), a stray file two
    days old and one just written."""
    app = complete_application(call=call, unit=unit_a, by=alice)
    submitted = add_material(app, item="evidence", uploaded_file=pdf_upload("场地照片.pdf"),
                             by=alice)
    submit_application(app, by=alice)
    return_for_revision(app, by=rex, comments="请补充材料")
    app.refresh_from_db()
    remove_material(submitted, by=alice)
    gone = add_material(app, item="evidence", uploaded_file=pdf_upload("旧版.pdf"), by=alice)
    recent = add_material(app, item="evidence", uploaded_file=pdf_upload("刚删.pdf"), by=alice)
    remove_material(gone, by=alice)
    remove_material(recent, by=alice)
    live = set(app.materials.filter(removed_at__isnull=True).values_list("pk", flat=True))
    return {"app": app, "live": live,
            "submitted": removed(submitted, when=TWO_DAYS_AGO),
            "gone": removed(gone, when=TWO_DAYS_AGO),
            "recent": removed(recent, when=timezone.now() - timedelta(hours=1)),
            "stray": stray_file(app, "rolled-back.pdf", age=timedelta(days=2)),
            "saving": stray_file(app, "being-saved.pdf", age=timedelta(minutes=1))}


def stored_files() -> set[str]:
    return {str(p.relative_to(root())) for p in (root() / "materials").rglob("*") if p.is_file()}


def run(*args) -> str:
    out = io.StringIO()
    call_command("purge_uploads", *args, stdout=out)
    return out.getvalue()


def test_dry_run_lists_what_would_go_and_changes_nothing(store):
    before, materials = stored_files(), Material.objects.count()
    out = run("--dry-run")
    gone, stray = store["gone"].file.name, f"materials/{store['app'].pk}/rolled-back.pdf"
    assert out.splitlines() == [
        gone, stray, "将删除 1 个已移除且未被提交版本引用的材料文件、1 个无材料引用的文件（宽限期 24 小时）；"
        "试运行，未删除任何文件。"]
    assert (stored_files(), Material.objects.count()) == (before, materials)
    assert not AuditLog.objects.filter(detail__step=STEP).exists()


def test_purge_removes_only_unreferenced_files_past_the_grace_period_and_audits_each(
        store, client, alice, django_capture_on_commit_callbacks):
    before = stored_files()
    gone, stray = store["gone"], f"materials/{store['app'].pk}/rolled-back.pdf"
    with django_capture_on_commit_callbacks(execute=True):
        out = run()
    assert out.splitlines()[-1] == ("已删除 1 个已移除且未被提交版本引用的材料文件、"
                                    "1 个无材料引用的文件（宽限期 24 小时）。")
    assert stored_files() == before - {gone.file.name, stray}
    assert not Material.objects.filter(pk=gone.pk).exists()
    kept = store["live"] | {store["submitted"].pk, store["recent"].pk}
    assert set(Material.objects.values_list("pk", flat=True)) == kept
    assert store["saving"].exists()

    rows = AuditLog.objects.filter(action=AuditAction.CHANGE, detail__step=STEP).order_by("id")
    assert [(r.object_type, r.object_id, r.actor_name, r.detail["file"]) for r in rows] == [
        ("declare.Material", str(gone.pk), "manage.py purge_uploads", gone.file.name),
        ("", "", "manage.py purge_uploads", stray)]
    assert rows[0].detail["sha256"] == gone.sha256 and rows[0].detail["title"] == "旧版.pdf"

    # the removed file a submitted version refers to is still served to its readers
    client.force_login(alice)
    app = store["app"]
    r = client.get(reverse("declare:material_download", args=[app.pk, store["submitted"].pk]))
    assert b"".join(r.streaming_content).startswith(b"%PDF")
    r = client.get(reverse("declare:material_download", args=[app.pk, gone.pk]))
    assert r.status_code == 404

    assert run().splitlines() == ["已删除 0 个已移除且未被提交版本引用的材料文件、"
                                  "0 个无材料引用的文件（宽限期 24 小时）。"]


def test_the_grace_period_is_a_setting(store, settings):
    settings.UPLOAD_PURGE_GRACE_HOURS = 72
    assert run("--dry-run").splitlines() == [
        "将删除 0 个已移除且未被提交版本引用的材料文件、0 个无材料引用的文件（宽限期 72 小时）；"
        "试运行，未删除任何文件。"]


def test_the_nightly_beat_task_purges(store, django_capture_on_commit_callbacks):
    assert SCHEDULE["declare-purge-uploads"]["task"] == tasks.purge_uploads.name
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.purge_uploads.apply().get() == 2
    assert set(AuditLog.objects.filter(detail__step=STEP).values_list("actor_name", flat=True)) == {
        "beat"}
