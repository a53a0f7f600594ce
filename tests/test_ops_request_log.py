"""One log line per request (issue 19 §6): request id passed through or made (and returned),
the user's id and never a name, view, status, duration; JSON in production."""

import base64
import json
import logging
import os
import subprocess
import sys

import pytest

from ops.logs import JsonFormatter

from .faults_support import ROOT

pytestmark = pytest.mark.django_db


def request_lines(caplog):
    return [r for r in caplog.records if r.name == "ops.request"]


def test_request_line_carries_id_user_view_status_and_duration(client, alice, caplog):
    client.force_login(alice)
    with caplog.at_level(logging.INFO, logger="ops.request"):
        r = client.get("/", HTTP_X_REQUEST_ID="proxy-given-id-0001")
    assert r["X-Request-ID"] == "proxy-given-id-0001"
    [record] = request_lines(caplog)
    line = json.loads(JsonFormatter().format(record))
    assert {k: line[k] for k in ("request_id", "user_id", "view", "method", "status")} == {
        "request_id": "proxy-given-id-0001", "user_id": alice.pk, "view": "home",
        "method": "GET", "status": 200}
    assert 0 < line["duration_ms"] < 10_000 and line["level"] == "INFO"
    text = json.dumps(line, ensure_ascii=False)
    for personal in (alice.username, alice.first_name, alice.last_name, alice.email):
        assert not personal or personal not in text


@pytest.mark.parametrize("given", [None, "short", "bad id with spaces", "x" * 65, "<script>"])
def test_a_missing_or_malformed_request_id_is_replaced(client, caplog, given):
    extra = {"HTTP_X_REQUEST_ID": given} if given else {}
    with caplog.at_level(logging.INFO, logger="ops.request"):
        r = client.get("/login/", **extra)
    [record] = request_lines(caplog)
    assert len(r["X-Request-ID"]) == 32 and r["X-Request-ID"] != given
    assert record.request_id == r["X-Request-ID"] and record.user_id is None


def test_lines_written_during_a_request_carry_its_id(client, caplog):
    """An error logged by Django while serving (here the 404 warning) joins its request."""
    with caplog.at_level(logging.INFO):
        r = client.get("/no-such-page/", HTTP_X_REQUEST_ID="join-me-0000001")
    by_logger = {rec.name: rec for rec in caplog.records}
    assert by_logger["django.request"].request_id == "join-me-0000001"
    assert json.loads(JsonFormatter().format(by_logger["django.request"]))["request_id"] == (
        "join-me-0000001")
    assert r.status_code == 404


@pytest.mark.parametrize("debug, json_lines", [("0", True), ("1", False)])
def test_production_logs_json_and_development_text(debug, json_lines):
    env = {**os.environ, "DJANGO_DEBUG": debug, "DJANGO_SECRET_KEY": "log-test-" + "k" * 50,
           "FIELD_ENCRYPTION_KEY": base64.urlsafe_b64encode(os.urandom(32)).decode(),
           "DATABASE_URL": "sqlite:///:memory:", "DATABASE_OWNER_URL": "", "REDIS_URL": ""}
    env.pop("LOG_FORMAT", None)
    out = subprocess.run([sys.executable, "-c", "import django, logging; django.setup(); "
                          "logging.getLogger('probe').warning('日志 %s', 1)"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    last = out.stderr.strip().splitlines()[-1]
    if json_lines:
        line = json.loads(last)
        assert {k: line[k] for k in ("level", "logger", "message", "request_id")} == {
            "level": "WARNING", "logger": "probe", "message": "日志 1", "request_id": "-"}
    else:
        assert last.endswith("WARNING probe [-] 日志 1"), last
