"""Forms of the recommenders' pages; labels are the official wording."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from calls.choices import Category, ProjectKind
from core.a11y import TableRowForm
from declare.models import ApplicationStatus, Speciality

from .models import RecommendationReport, ScanKind
from .rules import notice_dates_problem
from .selectors import INBOX_STATUSES
from .services.contact import contact_problems


class InboxFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label="项目类型", choices=ProjectKind.choices,
                                       empty_label="全部类型")
    category = django_filters.ChoiceFilter(label="项目类别", choices=Category.choices,
                                           empty_label="全部类别")
    status = django_filters.ChoiceFilter(
        label="状态", empty_label="全部状态",
        choices=[(s, ApplicationStatus(s).label) for s in INBOX_STATUSES])
    occupation = django_filters.CharFilter(label="申报职业", method="filter_occupation")

    def filter_occupation(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # EXISTS, not a join and DISTINCT: one row per application, which quotas.inbox's
        # window count relies on
        if value[0].isdigit():
            match = Q(occupation__code__startswith=value)
        else:
            match = Q(occupation__name__contains=value)
        return queryset.filter(Exists(
            Speciality.objects.filter(match, application=OuterRef("pk"))))


class ReasonForm(forms.Form):
    reason = forms.CharField(label="不予推荐理由", widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=2000, error_messages={"required": "请填写不予推荐的理由。"})


class StatementForm(forms.Form):
    text = forms.CharField(label="推荐单位对领办人业绩贡献或技术技艺在推动劳动者就业创业方面贡献的说明",
                           widget=forms.Textarea(attrs={"rows": 5}), max_length=2000,
                           error_messages={"required": "请填写推荐单位对领办人业绩贡献的说明。",
                                           "max_length": "说明不能超过 2000 字。"})


class ReturnForm(forms.Form):
    comments = forms.CharField(label="退回修改意见", widget=forms.Textarea(attrs={"rows": 4}),
                               max_length=4000, error_messages={"required": "请填写退回修改意见。"})
    sections = forms.MultipleChoiceField(label="需修改的栏目", required=False,
                                         widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, section_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = section_choices


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportForm(forms.ModelForm):
    class Meta:
        model = RecommendationReport
        fields = ["procedure", "method", "notice_start", "notice_end", "notice_place",
                  "notice_result", "objections", "meeting_date", "meeting_conclusion",
                  "discipline_opinion"]
        widgets = {"notice_start": DATE, "notice_end": DATE, "meeting_date": DATE,
                   **{f: forms.Textarea(attrs={"rows": 3}) for f in (
                       "procedure", "method", "notice_result", "objections",
                       "meeting_conclusion", "discipline_opinion")}}

    def clean(self):
        data = super().clean()
        problem = notice_dates_problem(data.get("notice_start"), data.get("notice_end"))
        if problem:
            self.add_error("notice_end", problem)
        return data


class ExpertForm(TableRowForm):
    row_noun = "位专家"
    name = forms.CharField(label="姓名", max_length=40, required=False)
    unit = forms.CharField(label="单位", max_length=120, required=False)
    title = forms.CharField(label="职务/职称", max_length=80, required=False)

    def clean(self):
        data = super().clean()
        filled = [k for k in ("name", "unit", "title") if data.get(k, "").strip()]
        if filled and len(filled) < 3:
            raise forms.ValidationError("请填写完整该专家的姓名、单位和职务/职称。")
        return data


ExpertFormSet = forms.formset_factory(ExpertForm, extra=0, max_num=31, validate_max=True)


class ScanForm(forms.Form):
    kind = forms.ChoiceField(label="材料类型", choices=ScanKind.choices)
    file = forms.FileField(label="扫描件（PDF）",
                           error_messages={"required": "请选择要上传的 PDF 文件。"})


class ReportScanForm(ScanForm):
    """The scan inside the 推荐报告 form: optional, saved with the text in one submission, so
    no typed text is lost on an upload."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="scan", **kwargs)
        self.fields["file"].required = self.fields["kind"].required = False

    def clean(self):
        data = super().clean()
        if data.get("file") and not data.get("kind"):
            self.add_error("kind", "请选择扫描件的材料类型。")
        return data


class ContactForm(forms.Form):
    name = forms.CharField(label="联系人", max_length=40,
                           error_messages={"required": "请填写联系人姓名。"})
    post = forms.CharField(label="部门及职务", max_length=80, required=False)
    phone = forms.CharField(label="联系电话", max_length=30,
                            error_messages={"required": "请填写联系电话。"})
    mobile = forms.CharField(label="手机", max_length=11,
                             error_messages={"required": "请填写手机号码。"})

    def clean(self):
        data = super().clean()
        if not self.errors:
            for field, text in contact_problems(**{k: data[k] for k in (
                    "name", "phone", "mobile")}).items():
                self.add_error(field, text)
        return data


class ContactChangeForm(ContactForm):
    """A change of the 联系人 after the package is locked: the new person and why."""

    reason = forms.CharField(label="变更理由", widget=forms.Textarea(attrs={"rows": 2}),
                             max_length=500, error_messages={"required": "请填写变更理由。"})


class ContactDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "同意变更"), ("refuse", "不同意")])
    note = forms.CharField(label="审核意见", max_length=500, required=False)


class ReopenForm(forms.Form):
    reason = forms.CharField(label="退回重报理由", widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=2000, error_messages={"required": "请填写退回重报的理由。"})


class ExtensionForm(forms.Form):
    until = forms.DateTimeField(label="延长后截止时间",
                                widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                           format="%Y-%m-%dT%H:%M"),
                                input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                                error_messages={"required": "请填写延长后的截止时间。",
                                                "invalid": "请按“年-月-日 时:分”填写截止时间。"})
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=2000, error_messages={"required": "请填写延期理由。"})
