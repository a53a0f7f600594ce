from django import forms

from .codes import MAX_LENGTH


class CodeForm(forms.Form):
    code = forms.CharField(label="验证码", max_length=MAX_LENGTH + 20, strip=True,
                           help_text="页面右下角二维码旁的编码，如 JD0042-v3-p07-8F3K。")


class ScanForm(forms.Form):
    file = forms.FileField(label="盖章扫描件（PDF）")
