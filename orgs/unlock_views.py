"""The pages of self-service unlock (orgs/unlock.py): offered on the locked page, reachable
without a session. A GET only shows; the unlock itself is a POST."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.errors import DomainError
from core.views import attempt_in_form

from . import unlock

CODE_UNLOCKED = "账号已解锁。请等身份验证器显示下一个动态口令后重新登录。"


class UsernameForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150,
                               widget=forms.TextInput(attrs={"autocomplete": "username"}))


class CodeForm(UsernameForm):
    code = forms.CharField(label="动态口令", max_length=8,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code",
                                                         "inputmode": "numeric"}))


def _initial(request) -> dict:
    return {"username": request.GET.get("username", "")[:150]}


@require_http_methods(["GET", "POST"])
def unlock_email(request):
    form = UsernameForm(request.POST or None, initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        unlock.send_link(request, form.cleaned_data["username"])
        return render(request, "registration/unlock_sent.html",
                      {"minutes": unlock.minutes(settings.UNLOCK_LINK_SECONDS)})
    return render(request, "registration/unlock_email.html", {"form": form})


@require_http_methods(["GET", "POST"])
def unlock_link(request, token):
    try:
        if request.method == "POST":
            unlock.unlock_by_link(request, token)
            messages.success(request, "账号已解锁，请重新登录。")
            return redirect("login")
        unlock.read_link(token)
    except DomainError as exc:
        return render(request, "registration/unlock_link.html", {"error": exc.message},
                      status=400)
    return render(request, "registration/unlock_link.html", {})


@require_http_methods(["GET", "POST"])
def unlock_code(request):
    form = CodeForm(request.POST or None, initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = attempt_in_form(form, lambda: unlock.unlock_by_code(
            request, username=data["username"], code=data["code"]))
        if user is not None:
            messages.success(request, CODE_UNLOCKED)
            return redirect("login")
    return render(request, "registration/unlock_code.html", {"form": form})
