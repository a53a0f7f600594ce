"""Login with an optional second step (TOTP) and the second-factor settings page."""

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

from . import twofactor
from .forms import LoginForm

MAX_CODE_TRIES = 5


class CodeForm(forms.Form):
    code = forms.CharField(label="动态口令", max_length=8,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code",
                                                         "inputmode": "numeric",
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
        if "code" in data and not twofactor.verify(self.user, data["code"]):
            self.add_error("code", "动态口令不正确，请查看身份验证器中的6位数字。")
        return data


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm

    def form_valid(self, form):
        user = form.get_user()
        if not twofactor.requires_second_factor(user):
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
        if twofactor.verify(user, form.cleaned_data["code"]):
            del request.session[twofactor.PENDING_KEY]
            login(request, user, backend=pending["backend"])
            nxt = pending.get("next") or "/"
            safe = url_has_allowed_host_and_scheme(nxt, {request.get_host()})
            return redirect(nxt if safe else "/")
        pending["tries"] += 1
        record(AuditAction.LOGIN_FAILED, result=AuditResult.FAILURE, request=request,
               actor_name=user.get_username(), step="totp")
        if pending["tries"] >= MAX_CODE_TRIES:
            del request.session[twofactor.PENDING_KEY]
            messages.error(request, "动态口令错误次数过多，请重新登录。")
            return redirect("login")
        request.session[twofactor.PENDING_KEY] = pending
        form.add_error("code", "动态口令不正确，请查看身份验证器中的6位数字。")
    return render(request, "registration/login_otp.html", {"form": form})


@login_required
def second_factor(request):
    if not twofactor.may_use_second_factor(request.user):
        raise Http404
    action = request.POST.get("action")
    form = CodeForm(request.POST if action == "enable" else None)
    disable_form = DisableForm(request.POST if action == "disable" else None, user=request.user,
                               prefix="off")
    if request.method == "POST" and action == "start":
        if not twofactor.requires_second_factor(request.user):  # a restart would switch it off
            twofactor.new_secret(request.user)
        return redirect("second_factor")
    if request.method == "POST" and action == "disable":
        if disable_form.is_valid():
            twofactor.disable(request.user)
            record(AuditAction.PERMISSION_REVOKED, request=request, factor="totp")
            messages.success(request, "已关闭动态口令。")
            return redirect("second_factor")
        record(AuditAction.PERMISSION_REVOKED, result=AuditResult.DENIED, request=request,
               factor="totp")
    if request.method == "POST" and action == "enable" and form.is_valid():
        if twofactor.enable(request.user, form.cleaned_data["code"]):
            record(AuditAction.PERMISSION_GRANTED, request=request, factor="totp")
            messages.success(request, "已启用动态口令，下次登录时需输入。")
            return redirect("second_factor")
        form.add_error("code", "动态口令不正确，请查看身份验证器中的6位数字。")
    state = twofactor.stored_state(request.user)
    secret = twofactor.secret_of(state) if state and not state.totp_enabled else ""
    return render(request, "registration/second_factor.html", {
        "state": state, "form": form, "disable_form": disable_form, "secret": secret,
        "qr": twofactor.provisioning_qr(request.user, secret) if secret else ""})
