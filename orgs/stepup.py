"""When the second factor is asked: once per session for every account that must have one
(enrolment forced before anything else), and again — step-up — before a sensitive action when the
last code is older than STEP_UP_SECONDS (15 minutes): a decision, 公示 publish/confirm, 备案,
unmasked exports, expert edits and role changes.

The session remembers when a code was last accepted (VERIFIED_KEY); the login sets it, and so do
enrolment and the confirm page."""

import functools
import time

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from audit.models import AuditAction, AuditResult
from audit.services import record

from . import twofactor

VERIFIED_KEY = "_2fa_at"
EXEMPT_PREFIXES = ("/login/", "/logout/", "/account/2fa/", "/account/confirm/", "/static/",
                   "/password/", "/orgs/unlock/")


def step_up_seconds() -> int:
    return getattr(settings, "STEP_UP_SECONDS", 15 * 60)


def mark_verified(request) -> None:
    request.session[VERIFIED_KEY] = time.time()


def is_verified(request) -> bool:
    return VERIFIED_KEY in request.session


def is_fresh(request) -> bool:
    at = request.session.get(VERIFIED_KEY)
    return at is not None and time.time() - at <= step_up_seconds()


def _confirm_url(nxt: str) -> str:
    return f"{reverse('confirm_code')}?{urlencode({'next': nxt})}"


def _back_to(request) -> str:
    """Where to return after the code: the page itself for a GET; for a POST the page the form
    was on (the Referer, when it is ours), else the action's own address."""
    if request.method == "GET":
        return request.get_full_path()
    ref = request.META.get("HTTP_REFERER", "")
    if ref and url_has_allowed_host_and_scheme(ref, {request.get_host()}):
        return ref
    return request.path


def step_up_required(view):
    """Decorate a view of a sensitive action: an account with a second factor must have given a
    code within the last 15 minutes, else it is asked for one and brought back. Nothing is done
    by a refused POST; its page says why."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and twofactor.needs_second_factor(user) \
                and not is_fresh(request):
            messages.info(request, "此操作需要再次验证身份：请输入动态口令（15分钟内有效），然后重新操作。")
            return redirect(_confirm_url(_back_to(request)))
        return view(request, *args, **kwargs)

    return wrapped


class ConfirmForm(forms.Form):
    code = forms.CharField(label="动态口令或恢复码", max_length=16,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code",
                                                         "autofocus": True}))


@login_required
def confirm(request):
    """Ask for a current code (the step-up, or a session that predates enrolment) and go back."""
    nxt = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(nxt, {request.get_host()}):
        nxt = "/"
    if not twofactor.enrolled(request.user):
        return redirect("second_factor")
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        verdict = twofactor.check(request.user, form.cleaned_data["code"])
        if verdict == twofactor.Verdict.OK:
            mark_verified(request)
            record(AuditAction.LOGIN, request=request, step="step_up")
            return redirect(nxt)
        record(AuditAction.LOGIN_FAILED, result=AuditResult.FAILURE, request=request,
               step="step_up", verdict=str(verdict))
        form.add_error("code", twofactor.message(verdict))
    return render(request, "registration/confirm_code.html", {"form": form, "next": nxt})


class SecondFactorMiddleware:
    """An account that must have a second factor uses nothing until it has one (enrolment is
    forced at first login) and until this session has given a code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated and not is_verified(request)
                and not request.path.startswith(EXEMPT_PREFIXES)
                and twofactor.needs_second_factor(user)):
            if twofactor.enrolled(user):
                return redirect(_confirm_url(request.get_full_path()))
            messages.warning(request, "按照等保2.0要求，审核人员和系统管理员须启用动态口令。请先完成绑定。")
            return redirect("second_factor")
        return self.get_response(request)
