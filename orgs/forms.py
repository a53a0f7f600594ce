from django import forms
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    username = forms.CharField(label="用户名", max_length=150,
                               widget=forms.TextInput(attrs={"autofocus": True,
                                                             "autocomplete": "username"}))
    password = forms.CharField(label="密码", strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete":
                                                                 "current-password"}))
    error_messages = {
        "invalid_login": "用户名或密码不正确（连续失败5次将锁定账号30分钟）。",
        "inactive": "该账号已停用，请联系系统管理员。",
    }


class AccountEmailForm(forms.Form):
    email = forms.EmailField(
        label="电子邮箱", required=False, max_length=254,
        help_text="用于接收退回修改、评审结果、建设期提醒等通知；留空则只在系统内通知。",
        error_messages={"invalid": "请输入有效的电子邮箱地址，例如 name@example.gov.cn。"})
