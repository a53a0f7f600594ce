"""gunicorn's own answers (issue 14 §7): a request gunicorn cannot parse never reaches Django,
so gunicorn answers it itself — with the system's Chinese error page (config/gunicorn.py), the
same status, and nothing of the bad request echoed. Started for real with config/gunicorn.py on
a spare port; the requests are raw bytes on a socket."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def gunicorn():
    port = _free_port()
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": "/tmp",
           "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "1",
           "GUNICORN_THREADS": "2", "GUNICORN_ACCESSLOG": ""}
    server = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "-c",
                               "config/gunicorn.py", "config.wsgi:application"], cwd=ROOT,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert server.poll() is None, server.stderr.read().decode()[-2000:]
            time.sleep(0.3)
    yield port
    server.terminate()
    server.wait(timeout=30)


def _send(port: int, raw: bytes) -> tuple[str, dict, str]:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(raw)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines)
    assert int(headers["Content-Length"]) == len(body)
    return status, headers, body.decode("utf-8")


@pytest.mark.parametrize(("raw", "status", "title"), [
    (b"GARBAGE<script>\r\n\r\n", "HTTP/1.1 400 Bad Request", "400 · 请求有误"),
    (b"GET / HTTP/1.1\r\nHost: x\r\nBad<script> Header\r\n\r\n", "HTTP/1.1 400 Bad Request",
     "400 · 请求有误"),
    (b"GET / HTTP/1.1\r\nHost: x\r\nX-Evil: a\x00<script>\r\n\r\n", "HTTP/1.1 400 Bad Request",
     "400 · 请求有误"),
    (b"GET /<script>" + b"a" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 414 URI Too Long",
     "414 · 网址过长"),
    (b"GET / HTTP/1.1\r\nHost: x\r\nCookie: <script>" + b"a" * 9000 + b"\r\n\r\n",
     "HTTP/1.1 431 Request Header Fields Too Large", "431 · 请求头过大"),
])
def test_a_request_gunicorn_refuses_gets_the_chinese_error_page(gunicorn, raw, status, title):
    line, headers, body = _send(gunicorn, raw)
    assert line == status
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert f"<h1>{title}</h1>" in body and "返回首页" in body
    assert "<script>" not in body and "&lt;script" not in body  # nothing echoed back
    assert "Bad Request" not in body


def test_a_good_request_still_reaches_django(gunicorn):
    line, headers, body = _send(gunicorn, b"GET /login/ HTTP/1.1\r\nHost: localhost\r\n"
                                          b"Connection: close\r\n\r\n")
    assert line == "HTTP/1.1 200 OK" and "<h1>用户登录</h1>" in body
