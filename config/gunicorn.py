"""gunicorn settings for every deployment (Dockerfile, docker-compose, make bench):
`gunicorn -c config/gunicorn.py config.wsgi:application`.

gthread workers: a few processes (CPU cores + 1) with threads each, and HTTP keep-alive. On the
2-core benchmark machine this served the same pages with about half the CPU per request of
five sync workers (which open a TCP connection per request and context-switch five
processes over two cores): docs/scaling.md has the measurements.
"""

import os
from pathlib import Path

from gunicorn import util as gunicorn_util

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", (os.cpu_count() or 1) + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
# The app is imported once in the master and forked (fast worker start, shared memory); a
# worker is replaced after this many requests (memory held by one large page is returned).
preload_app = True
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = 500
# gunicorn's own access log off unless asked for (GUNICORN_ACCESSLOG=-): the app writes one JSON
# line per request with more in it (ops/middleware.py); both cost ≈ 0.9 ms of CPU per request on
# the bare view (docs/scaling-floor.md, "gunicorn vs in-process")
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "") or None
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server):
    """Each worker writes its request metrics to PROMETHEUS_MULTIPROC_DIR (ops/metrics.py); the
    files of an earlier run's workers go, so counters start again from zero."""
    if folder := os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        for stale in Path(folder).glob("*.db"):
            stale.unlink()

# gunicorn answers a request it cannot parse (bad request line or header, line or headers too
# long) itself, before Django, with an English page that echoes the bad input. It has no setting
# for that page; every such answer goes through gunicorn.util.write_error, so that function is
# replaced here: the same status, the page every other error shows (templates/error.html, in
# Chinese), nothing of the request echoed (gunicorn logs what was wrong). tests/test_gunicorn.py
ERROR_PAGES = {
    400: ("请求有误", "浏览器发送的请求格式不正确，服务器无法处理。请返回上一页重试。"),
    403: ("禁止访问", "该请求被服务器拒绝。"),
    414: ("网址过长", "请求的网址过长，服务器无法处理。请返回上一页重试。"),
    417: ("请求有误", "服务器无法满足请求中的 Expect 要求。"),
    431: ("请求头过大", "请求头（如 Cookie）过大，服务器无法处理。请清除本站 Cookie 后重试。"),
    501: ("请求有误", "服务器不支持该请求的传输编码。"),
}


def write_error(sock, status_int, reason, mesg):
    from django.template.loader import render_to_string

    title, text = ERROR_PAGES.get(status_int, ("系统繁忙", "系统暂时无法处理该请求，请稍后重试。"))
    body = render_to_string("error.html", {"status": status_int, "title": title,
                                           "text": text}).encode()
    head = (f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\n"
            f"Content-Type: text/html; charset=utf-8\r\nContent-Length: {len(body)}\r\n\r\n")
    gunicorn_util.write_nonblock(sock, head.encode("latin-1") + body)


gunicorn_util.write_error = write_error
