"""Plain input forms; every rule is checked again by the service the view calls."""

from django import forms
from django.utils import timezone

from calls.choices import ProjectKind
from calls.wording import budget_sources, subsidy_sources
from declare.schema import BUDGET_SOURCES
from declare.vocab import SKILL_LEVELS

from .choices import (
    FORBIDDEN_PURPOSES,
    PURPOSES_FOR_KIND,
    EvaluationKind,
    FundingSource,
    Grade,
    LeaderLeaving,
    RevocationReason,
)
from .models import BUDGET_CONTENTS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date(label, required=True, **kwargs):
    return forms.DateField(label=label, required=required, widget=DateInput(), **kwargs)


def _amount(label, required=True):
    return forms.DecimalField(label=label, required=required, max_digits=10, decimal_places=2,
                              min_value=0, help_text="单位：万元，保留两位小数")


def _text(label, required=True, rows=4):
    return forms.CharField(label=label, required=required,
                           widget=forms.Textarea(attrs={"rows": rows}))


class CreateProjectForm(forms.Form):
    amount = _amount("补助资金（万元）", required=False)
    source = forms.ChoiceField(label="资金来源", choices=FundingSource.choices)
    released_on = _date("资金下达日期", required=False)

    def __init__(self, *args, default_amount=None, level: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = subsidy_sources(level)
        self.fields["amount"].help_text = (
            f"留空按本批次补助标准：{default_amount} 万元" if default_amount is not None
            else "本批次尚未设置该类项目的补助标准，请填写金额")


class ReleaseForm(forms.Form):
    released_on = _date("资金下达日期")
    source = forms.ChoiceField(label="资金来源", choices=FundingSource.choices)

    def __init__(self, *args, level: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = subsidy_sources(level)


class SpendingForm(forms.Form):
    spent_on = _date("支出日期", initial=timezone.localdate)
    purpose = forms.ChoiceField(label="支出用途")
    content = forms.ChoiceField(label="建设内容", choices=[("", "—请选择—"), *BUDGET_CONTENTS])
    source = forms.ChoiceField(label="资金来源", choices=BUDGET_SOURCES)
    amount = _amount("金额（万元）")
    description = forms.CharField(label="摘要", max_length=200)
    voucher = forms.CharField(label="凭证号", max_length=40, required=False)
    overrun_reason = forms.CharField(
        label="超预算说明", max_length=300, required=False,
        help_text="仅当该建设内容该资金来源的累计支出将超过表4-2预算时填写。")

    def __init__(self, *args, kind: str, level: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = budget_sources(level)
        # The forbidden purposes are listed so a refusal can explain the rule (100号 六).
        purposes = [*PURPOSES_FOR_KIND[kind], *FORBIDDEN_PURPOSES]
        self.fields["purpose"].choices = [("", "—请选择—")] + [(p.value, p.label) for p in purposes]
        if kind == ProjectKind.STUDIO:
            del self.fields["content"]


class ProgressForm(forms.Form):
    text = _text("完成情况")
    evidence = forms.FileField(label="佐证材料（PDF）", required=False)


class EvaluationForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=EvaluationKind.choices)
    stage = forms.TypedChoiceField(label="评估阶段", coerce=int, required=False, empty_value=None)
    evaluated_on = _date("检查评估日期", initial=timezone.localdate)
    grade = forms.ChoiceField(label="评估等次", choices=Grade.choices)
    findings = _text("检查评估意见")

    def __init__(self, *args, years: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", "—定期检查不填—")] + [
            (n, f"建设期第{n}年") for n in range(1, years + 1)]


class ApplyAcceptanceForm(forms.Form):
    comment = _text("建设完成情况说明", required=False)


class AcceptanceForm(forms.Form):
    passed = forms.TypedChoiceField(label="验收结论", coerce=lambda v: v == "yes",
                                    choices=[("yes", "验收合格"), ("no", "验收不合格，限期整改")],
                                    widget=forms.RadioSelect)
    decided_on = _date("验收日期", initial=timezone.localdate)
    findings = _text("验收意见")
    rectification_due = _date("整改期限", required=False, help_text="验收不合格时必填")


class RevokeForm(forms.Form):
    reason = forms.ChoiceField(label="撤销原因", choices=RevocationReason.choices)
    comment = _text("查明的情况")
    recovered_amount = _amount("追回项目资金（万元）", required=False)


class RenameForm(forms.Form):
    new_name = forms.CharField(label="变更后单位名称", max_length=120)
    new_short_name = forms.CharField(label="变更后单位简称", max_length=40, required=False)
    reason = _text("变更原因（机构改革、机构重组等）")
    document = forms.FileField(label="证明材料（PDF）", required=False)


class DissolveForm(forms.Form):
    reason = _text("单位撤销情况说明")
    document = forms.FileField(label="证明材料（PDF）", required=False)


class LeaderForm(forms.Form):
    leaving = forms.ChoiceField(label="原领办人变更原因", choices=LeaderLeaving.choices)
    new_leader_name = forms.CharField(label="新领办人姓名", max_length=40)
    new_leader_level = forms.ChoiceField(label="新领办人职业技能等级",
                                         choices=[("", "—请选择—"), *SKILL_LEVELS])
    new_leader_certificate = forms.CharField(label="职业资格（技能等级）证书编号", max_length=22,
                                             help_text="1位字母（Y或S）加21位数字")
    reason = _text("变更原因")
    document = forms.FileField(label="证明材料（PDF）", required=False)


CHANGE_FORMS = {"rename": RenameForm, "dissolve": DissolveForm, "leader": LeaderForm}


class ChangeDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(label="核准结论", coerce=lambda v: v == "yes",
                                     choices=[("yes", "核准"), ("no", "不予核准")],
                                     widget=forms.RadioSelect)
    comment = _text("核准意见", required=False)
