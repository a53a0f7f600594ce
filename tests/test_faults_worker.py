"""A Celery worker killed mid-render (issue 6 §7, issue 9 §6): the message was not acknowledged
(acks_late), so it is delivered again — to the same worker when only its pool process died
(reject_on_worker_lost), to a new worker after the visibility timeout when the whole worker
died — and the job completes; no half-written file is ever visible under the final name."""

import os
import signal
import subprocess
import tempfile
import threading
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from core import pii
from documents.models import RenderJob, RenderKind, RenderStatus
from documents.services import request_application_document, store_atomically

from .faults_support import wait_for, wait_for_job, worker_log

pytest_plugins = ["tests.faults_fixtures"]
VISIBILITY = 3  # seconds before an unacknowledged message of a dead worker is delivered again


class FinalNameWatcher(threading.Thread):
    """Looks at the final file name every few milliseconds and records every size seen."""

    def __init__(self, directory: Path):
        super().__init__(daemon=True)
        self.directory, self.sizes, self.done = directory, set(), threading.Event()

    def run(self):
        while not self.done.is_set():
            for f in self.directory.glob("documents/renders/*/*.pdf"):
                try:
                    self.sizes.add(f.stat().st_size)
                except FileNotFoundError:
                    pass
            self.done.wait(0.005)

    def stop(self) -> set[int]:
        self.done.set()
        self.join(5)
        return self.sizes


def assert_complete_pdf(job: RenderJob, media_root: Path):
    path = media_root / job.file.name
    data = pii.decrypt_bytes(path.read_bytes())  # sealed at rest (core.sealed)
    assert len(data) == job.size and data.rstrip().endswith(b"%%EOF")
    pages = len(PdfReader(BytesIO(data)).pages)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as plain:
        plain.write(data)
        plain.flush()
        last = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), plain.name, "-"],
                              capture_output=True, text=True, check=True, timeout=60).stdout
    assert f"第{pages}页共{pages}页" in last.replace(" ", "")  # the last page is there
    assert not list(path.parent.glob(".part-*"))


def start_render_and_wait_until_running(application, alice, tmp_path) -> RenderJob:
    job = request_application_document(application=application, kind=RenderKind.FORM, by=alice)
    assert job.enqueued_at is not None
    try:
        return wait_for_job(job.pk, [RenderStatus.RUNNING], timeout=60)
    except AssertionError:
        pytest.fail(f"the worker never started the job; its log:\n{worker_log(tmp_path)}")


def finished(job: RenderJob, tmp_path) -> RenderJob:
    try:
        return wait_for_job(job.pk, [RenderStatus.DONE, RenderStatus.FAILED], timeout=90)
    except AssertionError as e:
        job.refresh_from_db()
        pytest.fail(f"{e}; the job: {job.status} attempt {job.attempts} progress {job.progress}"
                    f"; the workers' log:\n{worker_log(tmp_path)}")


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_whole_worker_killed_mid_render_the_job_completes_on_a_new_worker(
        start_worker, base_application, alice, media_root, tmp_path):
    env = {"CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY)}
    worker = start_worker(**env)
    watcher = FinalNameWatcher(media_root)
    watcher.start()
    try:
        job = start_render_and_wait_until_running(base_application, alice, tmp_path)
        worker.kill()
        job.refresh_from_db()
        assert (job.status, job.attempts, job.file.name) == (RenderStatus.RUNNING, 1, "")
        assert watcher.sizes == set()
        wait_for(lambda: not worker.proc, 1, "the killed worker to be reaped")

        start_worker(**env)  # restores the unacknowledged message once it is older than 3 s
        job = finished(job, tmp_path)
    finally:
        sizes = watcher.stop()
    assert (job.status, job.error, job.attempts, job.progress) == (RenderStatus.DONE, "", 2, 100)
    # the final name only ever held the whole (sealed) file
    assert sizes == {(media_root / job.file.name).stat().st_size}
    assert_complete_pdf(job, media_root)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_pool_process_killed_mid_render_the_worker_runs_the_job_again(
        start_worker, base_application, alice, media_root, tmp_path):
    worker = start_worker()
    job = start_render_and_wait_until_running(base_application, alice, tmp_path)
    [child] = worker.pool_children()
    os.kill(child, signal.SIGKILL)

    job = finished(job, tmp_path)
    assert (job.status, job.error, job.attempts) == (RenderStatus.DONE, "", 2)
    assert "WorkerLostError" in worker_log(tmp_path)
    assert_complete_pdf(job, media_root)


def test_a_write_that_fails_leaves_neither_a_partial_file_nor_a_temporary_one(settings, tmp_path):
    job = RenderJob(kind=RenderKind.FORM, content_hash="ab" * 32)
    target = tmp_path / "private" / "documents" / "renders" / "ab" / f"{'ab' * 32}-form.pdf"
    target.mkdir(parents=True)  # the rename onto the final name cannot succeed
    with pytest.raises(IsADirectoryError):
        store_atomically(job, b"%PDF-1.7 partial")
    assert list(target.parent.iterdir()) == [target] and list(target.iterdir()) == []

    target.rmdir()
    name = store_atomically(job, b"%PDF-1.7 whole\n%%EOF")
    stored = (tmp_path / "private" / name).read_bytes()
    assert pii.is_encrypted_bytes(stored) and pii.decrypt_bytes(stored) == b"%PDF-1.7 whole\n%%EOF"
    assert [p.name for p in target.parent.iterdir()] == [target.name]
