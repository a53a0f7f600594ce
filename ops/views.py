"""The probes' answers. Served by ops.middleware.ProbeMiddleware (not the URL conf): nothing of
the session, login or second factor runs for them."""

import hmac

from django.conf import settings
from django.http import HttpResponse, JsonResponse

from . import checks
from . import metrics as prom


def healthz(request):
    """Liveness: the process answers. Touches no database and no Redis, so a dependency's
    outage never restarts the web container."""
    return JsonResponse({"status": "ok"})


def readyz(request):
    """Readiness: may this process take traffic? 200 when every check is ok or skipped,
    else 503; within checks.CHECK_SECONDS whatever hangs."""
    results = checks.run()
    ready = all(r["status"] in ("ok", "skipped") for r in results.values())
    return JsonResponse({"status": "ok" if ready else "fail", "checks": results},
                        status=200 if ready else 503,
                        headers={"Cache-Control": "no-store"})


def _authorised(request) -> bool:
    token = settings.METRICS_TOKEN
    given = request.META.get("HTTP_AUTHORIZATION", "")
    return bool(token) and hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


def metrics(request):
    """Prometheus scrape, for the bearer of METRICS_TOKEN only (no token set: nobody)."""
    if not _authorised(request):
        return HttpResponse("需要有效的监控令牌（Authorization: Bearer METRICS_TOKEN）。\n",
                            status=401, content_type="text/plain; charset=utf-8",
                            headers={"WWW-Authenticate": 'Bearer realm="metrics"'})
    return HttpResponse(prom.exposition(),
                        content_type="text/plain; version=0.0.4; charset=utf-8")
