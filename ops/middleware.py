"""Two middlewares, first in MIDDLEWARE (issue 19 §5, §6).

ProbeMiddleware answers /healthz, /readyz and /metrics before anything else runs: no host check
(a container probe asks for 127.0.0.1), no TLS redirect, no session, login or second factor —
none of them applies to a machine asking, and none may make a probe slow or red.

RequestLogMiddleware times every other request, counts it in the metrics and writes one log
line: request id (X-Request-ID passed through when well-formed, else made; returned in the
response), the user's id (never a name or anything personal), view, method, status, duration."""

import logging
import re
import time
import uuid

from . import metrics, views
from .logs import request_id

PROBES = {"/healthz": views.healthz, "/readyz": views.readyz, "/metrics": views.metrics}
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
log = logging.getLogger("ops.request")


class ProbeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        return probe(request) if probe else self.get_response(request)


def _view_name(request) -> str:
    match = request.resolver_match  # None when no URL matched (a 404, a static file)
    if match is not None:
        return match.view_name or match._func_path
    return "static" if request.path_info.startswith("/static/") else "unmatched"


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        rid = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        # not reset on the way out: Django logs a 4xx/5xx response (django.request) after the
        # middlewares return; the thread's next request sets its own
        request_id.set(rid)
        response = self.get_response(request)
        seconds = time.perf_counter() - started
        view, method = _view_name(request), request.method
        method = method if method in METHODS else "OTHER"
        metrics.observe(view, method, response.status_code, seconds)
        response["X-Request-ID"] = rid
        user = getattr(request, "user", None)  # already loaded by the login middlewares
        log.info("%s %s %s %.1fms", method, view, response.status_code, seconds * 1000,
                 extra={"request_id": rid, "user_id": user.pk if user is not None else None,
                        "view": view, "method": method, "status": response.status_code,
                        "duration_ms": round(seconds * 1000, 1)})
        return response
