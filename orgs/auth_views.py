"""The two-step login (password, then the second factor where the account has one) and the
second-factor page: enrolment, recovery codes, rebinding."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from audit.models import AuditAction, AuditResult
from audit.services import record

from . import stepup, twofactor
from .forms import LoginForm

MAX_CODE_TRIES = 5
CODES_KEY = "_2fa_new_codes"


class CodeForm(forms.Form):
    code = forms.CharField(label="动态口令", max_length=16,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code",
                                                         "autofocus": True}))


class DisableForm(CodeForm):
    """Switching the second factor off asks for what a thief of the session lacks: the password
    and a current code (issue 14 §2)."""

    password = forms.CharField(label="登录密码", strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    field_order = ["password", "code"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["code"].widget.attrs.pop("autofocus", None)

    def clean(self):
        data = super().clean()
        if "password" in data and not self.user.check_password(data["password"]):
            self.add_error("password", "登录密码不正确。")
            return data
        if "code" in data:
            verdict = twofactor.check(self.user, data["code"])
            if verdict != twofactor.Verdict.OK:
                self.add_error("code", twofactor.message(verdict))
        return data


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm

    def form_valid(self, form):
        user = form.get_user()
        if not twofactor.enrolled(user):
            return super().form_valid(form)
        self.request.session[twofactor.PENDING_KEY] = {
            "id": user.pk, "backend": user.backend, "next": self.get_redirect_url(), "tries": 0}
        return redirect("login_otp")


def admin_login(request, extra_context=None):
    """The admin site's login page: the same two-step login as everywhere (password, then the
    second factor where the account has one). A POST of credentials here logs nobody in."""
    nxt = request.GET.get("next") or request.POST.get("next") or reverse("admin:index")
    if not url_has_allowed_host_and_scheme(nxt, {request.get_host()}):
        nxt = reverse("admin:index")
    return redirect_to_login(nxt, login_url=reverse("login"))


def login_otp(request):
    pending = request.session.get(twofactor.PENDING_KEY)
    if not pending:
        return redirect("login")
    user = get_user_model().objects.filter(pk=pending["id"], is_active=True).first()
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and user is not None:
        verdict = twofactor.check(user, form.cleaned_data["code"])
        if verdict == twofactor.Verdict.OK:
            del request.session[twofactor.PENDING_KEY]
            login(request, user, backend=pending["backend"])
            stepup.mark_verified(request)
            nxt = pending.get("next") or "/"
            safe = url_has_allowed_host_and_scheme(nxt, {request.get_host()})
            return redirect(nxt if safe else "/")
        pending["tries"] += 1
        record(AuditAction.LOGIN_FAILED, result=AuditResult.FAILURE, request=request,
               actor_name=user.get_username(), step="totp", verdict=str(verdict))
        if verdict == twofactor.Verdict.LOCKED or pending["tries"] >= MAX_CODE_TRIES:
            del request.session[twofactor.PENDING_KEY]
            messages.error(request, twofactor.message(verdict)
                           if verdict == twofactor.Verdict.LOCKED else "动态口令错误次数过多，请重新登录。")
            return redirect("login")
        request.session[twofactor.PENDING_KEY] = pending
        form.add_error("code", twofactor.message(verdict))
    return render(request, "registration/login_otp.html", {"form": form})


def _show_codes(request, user) -> None:
    """New recovery codes, kept in the session to be shown once on the next page."""
    request.session[CODES_KEY] = twofactor.new_recovery_codes(user)


@login_required
def second_factor(request):
    user = request.user
    if not twofactor.needs_second_factor(user):
        raise Http404
    action = request.POST.get("action") if request.method == "POST" else None
    form = CodeForm(request.POST if action in ("enable", "codes") else None)
    disable_form = DisableForm(request.POST if action == "disable" else None, user=user,
                               prefix="off")
    if action == "start":
        if not twofactor.enrolled(user):  # a restart would switch it off
            twofactor.new_secret(user)
        return redirect("second_factor")
    if action == "disable":
        if disable_form.is_valid():
            twofactor.disable(user)
            record(AuditAction.PERMISSION_REVOKED, request=request, factor="totp")
            # the factor is mandatory here: bind a new one before anything else
            request.session.pop(stepup.VERIFIED_KEY, None)
            messages.success(request, "已解除原动态口令绑定，请立即绑定新的身份验证器。")
            return redirect("second_factor")
        record(AuditAction.PERMISSION_REVOKED, result=AuditResult.DENIED, request=request,
               factor="totp")
    if action == "enable" and form.is_valid():
        if twofactor.enable(user, form.cleaned_data["code"]):
            stepup.mark_verified(request)
            _show_codes(request, user)
            record(AuditAction.PERMISSION_GRANTED, request=request, factor="totp")
            messages.success(request, "已启用动态口令，下次登录时需输入。请妥善保存下列恢复码。")
            return redirect("second_factor")
        form.add_error("code", twofactor.message(twofactor.Verdict.WRONG))
    if action == "codes" and form.is_valid():
        verdict = twofactor.check(user, form.cleaned_data["code"])
        if verdict == twofactor.Verdict.OK:
            _show_codes(request, user)
            record(AuditAction.PERMISSION_GRANTED, request=request, factor="recovery_codes")
            messages.success(request, "已生成新的恢复码，原恢复码全部作废。")
            return redirect("second_factor")
        form.add_error("code", twofactor.message(verdict))
    state = twofactor.stored_state(user)
    secret = twofactor.secret_of(state) if state and not state.totp_enabled else ""
    return render(request, "registration/second_factor.html", {
        "state": state, "form": form, "disable_form": disable_form, "secret": secret,
        "qr": twofactor.provisioning_qr(user, secret) if secret else "",
        "new_codes": request.session.pop(CODES_KEY, None),
        "codes_left": twofactor.recovery_codes_left(user) if state and state.totp_enabled else 0})
