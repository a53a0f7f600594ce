from decimal import Decimal

from django import forms
from django.forms import formset_factory

from catalog.models import Occupation
from core.a11y import TableRowForm
from orgs.models import Organisation

from .models import Attendance, Expert, ObjectionOutcome

MOBILE_HELP = "11位手机号码；加密保存，仅审核人员可见完整号码。"


def pad_code(code: str) -> str:
    """6-18 → 6-18-00-00, the way the 职业分类大典 codes are stored."""
    parts = code.strip().split("-")
    return "-".join(parts + ["00"] * (4 - len(parts))) if len(parts) < 4 else code.strip()


class ExpertForm(forms.Form):
    pool = forms.ModelChoiceField(label="所属专家库", queryset=Organisation.objects.none(),
                                  empty_label=None)
    name = forms.CharField(label="姓名", max_length=40)
    organisation = forms.ModelChoiceField(
        label="工作单位", queryset=Organisation.objects.filter(is_active=True).order_by("kind", "name"),
        help_text="用于回避：专家不评审本单位、本单位推荐、同一盟市的项目，"
                  "本单位在同一专家组申报时不评审该组项目。")
    post = forms.CharField(label="职务/职称", max_length=80)
    mobile = forms.RegexField(label="手机", regex=r"^1[3-9]\d{9}$", required=False,
                              help_text=MOBILE_HELP + "修改时留空表示不变。",
                              error_messages={"invalid": "请输入11位手机号码。"})
    occupation_codes = forms.CharField(
        label="专业领域（职业分类代码）", required=False,
        help_text="多个代码用空格或逗号分隔，可填大类、中类、小类或职业（细类），如 6-18 4-10-01-05。")
    past_affiliations = forms.ModelMultipleChoiceField(
        label="近三年曾任职单位", required=False,
        queryset=Organisation.objects.filter(is_active=True).order_by("kind", "name"),
        help_text="用于回避：专家不评审这些单位的项目（可多选）。")
    collaborators = forms.ModelMultipleChoiceField(
        label="近三年合作单位", required=False,
        queryset=Organisation.objects.filter(is_active=True).order_by("kind", "name"),
        help_text="共同课题、兼职、咨询等合作关系；用于回避（可多选）。")
    is_active = forms.BooleanField(label="在库", required=False, initial=True)

    def clean_occupation_codes(self):
        codes = [pad_code(c) for c in self.cleaned_data["occupation_codes"].replace("，", ",")
                 .replace(",", " ").split() if c]
        found = {o.code: o for o in Occupation.objects.filter(code__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise forms.ValidationError(f"职业分类大典中没有以下代码：{'、'.join(unknown)}")
        return [found[c] for c in codes]

    def __init__(self, *args, pools, **kwargs):
        """`pools`: the issuing organisations whose 专家库 the user keeps (review.selectors);
        with one pool the choice is not shown."""
        super().__init__(*args, **kwargs)
        field = self.fields["pool"]
        field.queryset = Organisation.objects.filter(pk__in=[p.pk for p in pools])
        field.label_from_instance = lambda org: f"{org.label}专家库"
        if len(pools) == 1:
            field.widget = forms.HiddenInput()


class ReasonsForm(forms.Form):
    reasons = forms.CharField(label="退回理由", widget=forms.Textarea(attrs={"rows": 3}))


class PanelForm(forms.Form):
    experts = forms.ModelMultipleChoiceField(label="专家组成员", queryset=Expert.objects.none(),
                                             widget=forms.CheckboxSelectMultiple)
    chair = forms.ModelChoiceField(label="组长", queryset=Expert.objects.none())
    per_application = forms.IntegerField(label="每个项目评审专家人数", required=False, min_value=1,
                                         help_text="留空表示全体成员评审每个项目。")
    spread_flag = forms.DecimalField(label="分歧提示阈值（总分极差）", min_value=Decimal("0"),
                                     max_digits=5, decimal_places=2, initial=Decimal("20"))

    def __init__(self, *args, experts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"].queryset = experts
        self.fields["chair"].queryset = experts


class CriterionForm(TableRowForm):
    row_noun = "项"
    group = forms.CharField(label="评分维度", max_length=40, required=False)
    name = forms.CharField(label="评分项", max_length=60, required=False)
    max_points = forms.DecimalField(label="分值上限", required=False, min_value=Decimal("0.01"),
                                    max_digits=5, decimal_places=2)
    weight = forms.DecimalField(label="权重", required=False, min_value=Decimal("0.01"),
                                max_digits=4, decimal_places=2)
    guidance = forms.CharField(label="评分要点", max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if data.get("name") and data.get("max_points") is None:
            self.add_error("max_points", "请填写分值上限。")
        return data


CriterionFormSet = formset_factory(CriterionForm, extra=2)


class DecisionForm(forms.Form):
    selected = forms.TypedMultipleChoiceField(label="拟推荐项目", coerce=int,
                                              widget=forms.CheckboxSelectMultiple)
    expert_opinion = forms.CharField(label="专家评审意见", widget=forms.Textarea(attrs={"rows": 3}))
    hr_opinion = forms.CharField(label="省级人力资源社会保障厅（局）",
                                 widget=forms.Textarea(attrs={"rows": 2}))
    finance_opinion = forms.CharField(label="省级财政厅（局）",
                                      widget=forms.Textarea(attrs={"rows": 2}))
    departure_reason = forms.CharField(label="未按评分排名确定的理由", required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(label="复议理由", required=False,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="复审决定随公示发布后，变更名单须提出复议并说明理由。")

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["selected"].choices = choices


class NoticeForm(forms.Form):
    starts_on = forms.DateField(label="公示开始日期", widget=forms.DateInput(attrs={"type": "date"}))
    working_days = forms.IntegerField(label="公示期（工作日）", min_value=1, max_value=30, initial=5)
    contact = forms.CharField(label="联系人及电话", max_length=200)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤回理由", max_length=500,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "请填写撤回理由。",
                                             "max_length": "撤回理由不能超过500字。"})


class ObjectionForm(forms.Form):
    received_on = forms.DateField(label="收到日期", widget=forms.DateInput(attrs={"type": "date"}))
    name = forms.CharField(label="异议人姓名", max_length=40)
    contact = forms.CharField(label="联系方式", max_length=60)
    application = forms.ModelChoiceField(label="涉及项目", required=False, queryset=None)
    content = forms.CharField(label="异议内容", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, applications=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = applications
        self.fields["application"].label_from_instance = lambda a: f"{a.reference} {a.unit.name}"


class ResolveForm(forms.Form):
    outcome = forms.ChoiceField(label="处理结论", choices=ObjectionOutcome.choices)
    handling = forms.CharField(label="处理情况", widget=forms.Textarea(attrs={"rows": 2}))


class DefenceForm(forms.Form):
    starts_at = forms.DateTimeField(label="开始时间",
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    ends_at = forms.DateTimeField(label="结束时间",
                                  widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    place = forms.CharField(label="会议链接或地点", max_length=300)


class DefenceRecordForm(forms.Form):
    attendance = forms.ChoiceField(label="出席情况", choices=Attendance.choices)
    attendees = forms.CharField(label="答辩人员", max_length=200, required=False)
    notes = forms.CharField(label="答辩记录", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    score = forms.CharField(label="答辩成绩", required=False, max_length=12,
                            help_text="按本批次评分细则的满分计；缺席不填。")


class ConflictForm(forms.Form):
    reason = forms.CharField(label="回避事由", max_length=200)



class DiscussionForm(forms.Form):
    body = forms.CharField(label="发言", widget=forms.Textarea(attrs={"rows": 3}))


class OpinionForm(forms.Form):
    text = forms.CharField(label="专家组意见（表5 专家评审意见）",
                           widget=forms.Textarea(attrs={"rows": 6}))


class AcceptForm(forms.Form):
    confirm = forms.BooleanField(label="本人已阅读并承诺遵守上述保密及回避承诺", required=False)
