"""The one view helper that turns a DomainError into what the user sees: at its form field when
the form has that field, else as an error message (with the problems that block it); and the
error pages (400/403/404/500, templates/error.html) — the same Chinese page with DEBUG on or
off (core.middleware.ChineseNotFoundMiddleware replaces Django's English debug 404)."""

from django.contrib import messages
from django.db import DatabaseError
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string

from .errors import DomainError


def show_error(request, exc: DomainError, form=None) -> None:
    """The refusal at its form field when the form has it, else as messages."""
    if form is not None and exc.field and exc.field in getattr(form, "fields", {}):
        form.add_error(exc.field, exc.message)
        return
    messages.error(request, exc.message)
    for problem in exc.problems:
        messages.error(request, problem)


def attempt(request, action, success: str | None = None, form=None) -> bool:
    """Run one service call; on refusal show it (at the field or as a message) and return False."""
    try:
        action()
    except DomainError as exc:
        show_error(request, exc, form)
        return False
    if success:
        messages.success(request, success)
    return True


def attempt_in_form(form, action):
    """Run one service call; its result, or None with the refusal put on `form` (at its field,
    else as a form-wide error) — for pages that show the form again with the reason."""
    try:
        return action()
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return None


def _error(request, status, title, text):
    return render(request, "error.html", {"status": status, "title": title, "text": text},
                  status=status)


def bad_request(request, exception=None):
    return _error(request, 400, "请求有误", "提交的内容无法识别，请返回上一页重试。")


def forbidden(request, exception=None):
    return _error(request, 403, "无权访问", "您没有访问该页面的权限。如有疑问请联系本单位管理员。")


def not_found(request, exception=None):
    return _error(request, 404, "页面不存在", "您访问的页面不存在或您无权查看。请检查地址，或返回首页。")


def server_error(request):
    context = {"status": 500, "title": "系统繁忙",
               "text": "系统暂时无法处理该请求，已记录错误。您已保存的内容不会丢失，请稍后重试。"}
    try:
        return render(request, "error.html", context, status=500)
    except DatabaseError:  # the database is what failed: render without the user and session
        return HttpResponseServerError(render_to_string("error.html", context))
