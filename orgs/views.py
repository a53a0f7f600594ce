from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import redirect, render

from audit.models import AuditAction
from audit.services import record

from .forms import AccountEmailForm
from .home import collect_cards
from .security import mark_password_changed
from .selectors import memberships_of


@login_required
def home(request):
    return render(request, "orgs/home.html", {
        "memberships": memberships_of(request.user),
        "cards": collect_cards(request.user),
    })


@login_required
def account(request):
    """账号信息: who I am, my roles, and the e-mail address notifications go to."""
    user = request.user
    form = AccountEmailForm(request.POST or None, initial={"email": user.email})
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if email != user.email:
            before, user.email = user.email, email
            user.save(update_fields=["email"])
            record(AuditAction.CHANGE, actor=user, obj=user, request=request, field="email",
                   before=bool(before), after=bool(email))
        messages.success(request, "电子邮箱已保存。" if email else "已清除电子邮箱，今后只在系统内通知。")
        return redirect("account")
    return render(request, "registration/account.html", {
        "form": form, "memberships": memberships_of(user)})


@login_required
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        mark_password_changed(user, request)
        messages.success(request, "密码已修改。")
        return redirect("home")
    return render(request, "registration/password_change.html", {"form": form})
