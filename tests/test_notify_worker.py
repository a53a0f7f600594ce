"""Notification e-mails are sent by a real Celery worker process (on its own Redis) after the
action commits, written by Django's file-based backend so this process can read them; an SMTP
failure is retried; a user without an address gets the message and no e-mail."""

import email
import email.policy
import smtplib
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail.backends.filebased import EmailBackend as FileBackend
from django.db import transaction

from notify.models import Notification
from notify.services import send

from .faults_support import wait_for, worker_log

pytest_plugins = ["tests.faults_fixtures"]


def mails_in(directory) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
            for p in sorted(directory.glob("*.log"))] if directory.exists() else []


class FlakyBackend(FileBackend):
    """Refuses the first message like a mail server that is down (a marker file remembers it
    across the worker's processes), then writes them like the file-based backend."""

    def send_messages(self, messages):
        marker = Path(self.file_path) / "refused-once"
        if not marker.exists():
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.write_text("1")
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_the_email_after_commit_retries_a_refusal_and_skips_no_address(
        start_worker, live_db, alice, rex, tmp_path):
    outbox = tmp_path / "mail"
    start_worker(EMAIL_BACKEND="tests.test_notify_worker.FlakyBackend",
                 EMAIL_FILE_PATH=str(outbox), NOTIFY_EMAIL_RETRY_SECONDS="1,1")
    alice.email = "alice@example.cn"
    alice.save()
    with transaction.atomic():
        send([alice, rex], title="2025-JD-0001 退回修改", body="退回意见：请补充佐证材料。",
             link="/declare/1/", event="returned")
        assert not outbox.exists()   # nothing before the commit
    row = Notification.objects.get(user=alice)
    try:
        wait_for(lambda: Notification.objects.filter(pk=row.pk, emailed_at__isnull=False)
                 .exists(), 90, "the worker to send the e-mail")
    except AssertionError:
        pytest.fail(f"no e-mail sent; the worker's log:\n{worker_log(tmp_path)}")
    # refused once by the mail server, sent by the retry one second later, exactly once
    assert (outbox / "refused-once").exists()
    assert "e-mail failed (Connection unexpectedly closed), retry 1 in 1s" in worker_log(tmp_path)
    [message] = mails_in(outbox)
    assert (message["To"], str(message["Subject"]).strip()) == (
        "alice@example.cn", "【消息通知】2025-JD-0001 退回修改")
    assert "退回意见：请补充佐证材料。" in message.get_content()
    assert "/declare/1/" in message.get_content()
    rex_row = Notification.objects.get(user=rex)
    assert (rex_row.email_to, rex_row.enqueued_at, rex_row.emailed_at) == ("", None, None)


@pytest.mark.django_db
def test_with_the_broker_down_the_email_waits_and_the_beat_sends_it(
        alice, bob, settings, django_capture_on_commit_callbacks):
    """The request is never held by the broker: the message is saved, the e-mail waits in
    PostgreSQL and notify.requeue_emails sends it once the broker is back."""
    from config.celery import app
    from notify.services import requeue_emails

    for user in (alice, bob):
        user.email = f"{user.username}@example.cn"
        user.save()
    before = {k: app.conf[k] for k in ("broker_url", "task_always_eager")}
    app.conf.broker_url, app.conf.task_always_eager = "redis://127.0.0.1:1/0", False
    app._after_fork()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            rows = send([alice, bob], title="已推荐", body="正文")
    finally:
        for k, v in before.items():
            app.conf[k] = v
        app._after_fork()
    assert list(Notification.objects.filter(pk__in=[r.pk for r in rows]).values_list(
        "enqueued_at", "emailed_at")) == [(None, None)] * 2
    app.conf.task_always_eager = True
    try:
        assert requeue_emails() == 2
    finally:
        app.conf.task_always_eager = before["task_always_eager"]
    assert not Notification.objects.filter(pk__in=[r.pk for r in rows], emailed_at=None).exists()
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.cn", "bob@example.cn"]
