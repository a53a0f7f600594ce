"""One boundary for the NUL character (issue 14 §7): PostgreSQL refuses U+0000 in text and
jsonb, so a value carrying it would fail deep inside a view with a 500. No page of this system
accepts it, so a request that carries one anywhere — path, query string, cookie, form field,
JSON body — is refused here with a 400 in Chinese, before any view, session
or login lookup sees it. (Header values cannot carry it: gunicorn refuses them itself.)"""

import json

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse, UnreadablePostError
from django.template.loader import render_to_string

from .views import not_found

NUL = "\x00"
MESSAGE = "提交的内容含有空字符（NUL），无法处理。请删除后重新提交。"


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _body(request):
    """The values a view will read from the body: JSON, or the parsed form. Upload file names
    need no check: Django's multipart parser drops non-printable characters from them."""
    if request.content_type == "application/json":
        try:
            return json.loads(request.body)
        except ValueError:
            return None  # malformed JSON is the view's to refuse
    return dict(request.POST.lists()) if request.method == "POST" else None


def carries_nul(request) -> bool:
    if NUL in request.path_info or _has_nul(request.COOKIES) or _has_nul(dict(request.GET.lists())):
        return True
    try:
        return _has_nul(_body(request))
    except UnreadablePostError:  # the client went away mid-upload: nothing to answer
        return False


def refusal(request):
    if request.content_type == "application/json" or "application/json" in request.headers.get(
            "Accept", ""):
        return JsonResponse({"ok": False, "message": MESSAGE}, status=400)
    # Rendered without the request: its session and user are what must not be looked up.
    return HttpResponseBadRequest(render_to_string(
        "error.html", {"status": 400, "title": "请求有误", "text": MESSAGE}))


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if carries_nul(request):
            return refusal(request)
        return self.get_response(request)


class ChineseNotFoundMiddleware:
    """With DEBUG on, Django answers a 404 with its English technical page (listing the URL
    patterns); this answers with the same Chinese page as production (core.views.not_found).
    Placed after the authentication middleware, so the page knows who is signed in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (settings.DEBUG and response.status_code == 404 and not response.streaming
                and b"DEBUG = True" in response.content):
            return not_found(request)
        return response
