"""申报基本信息: call, kind, category, tier and the declared occupations (1–2 for a base)."""

from django import forms

from calls.choices import CATEGORIES_FOR_KIND, Category, ProjectKind, Tier
from calls.models import Call
from calls.selectors import calls_for_applicant
from catalog.selectors import get_occupation

from ..validators import validate_occupation_code

OCCUPATION_ATTRS = {"data-occupation-search": "1", "autocomplete": "off",
                    "placeholder": "输入职业名称或代码，如 车工 或 6-18-01-01"}


class CategorySelect(forms.RadioSelect):
    """项目类别 radios, each saying which kinds have it, so the page offers only the kind's
    categories (其他类 only for a studio, 105号 二(四)); the service refuses the rest."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        kinds = [str(k) for k, cats in CATEGORIES_FOR_KIND.items() if value in cats]
        option["attrs"]["data-kinds"] = " ".join(kinds)
        return option


def _occupation_field(label, required):
    return forms.CharField(label=label, required=required, max_length=10,
                           validators=[validate_occupation_code],
                           widget=forms.TextInput(attrs=OCCUPATION_ATTRS),
                           error_messages={"required": "请填写申报专业（职业工种）代码。"})


class BasicsForm(forms.Form):
    """Kind, category, tier and specialities; also the editable part of an application."""

    kind = forms.ChoiceField(label="项目类型", choices=ProjectKind.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "请选择项目类型。"})
    category = forms.ChoiceField(label="项目类别", choices=Category.choices,
                                 widget=CategorySelect(attrs={"data-category": "1"}),
                                 error_messages={"required": "请选择项目类别。"})
    tier = forms.ChoiceField(label="项目类别（档次）", required=False,
                             choices=Tier.choices, widget=forms.RadioSelect,
                             help_text="培训基地建设项目填写：A档为新建项目，B档为已建项目。")
    occupation_1 = _occupation_field("申报专业（职业工种）一", True)
    work_type_1 = forms.CharField(label="工种（可不填）", required=False, max_length=60)
    occupation_2 = _occupation_field("申报专业（职业工种）二（仅培训基地，可不填）", False)
    work_type_2 = forms.CharField(label="工种（可不填）", required=False, max_length=60)

    def max_specialities(self) -> int:
        return 2

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == ProjectKind.STUDIO:
            cleaned["tier"] = ""
            if cleaned.get("occupation_2"):
                self.add_error("occupation_2", "工作室建设项目只能申报一个职业（工种）。")
        one, two = cleaned.get("occupation_1"), cleaned.get("occupation_2")
        if one and two and one.strip() == two.strip():
            self.add_error("occupation_2", "两个申报专业不能相同。")
        if kind == ProjectKind.BASE and two and self.max_specialities() < 2:
            self.add_error("occupation_2", f"本批次每个培训基地最多申报{self.max_specialities()}个专业。")
        return cleaned

    def occupations(self) -> list[tuple]:
        """[(Occupation, work_type)] in position order."""
        out = []
        for n in (1, 2):
            code = (self.cleaned_data.get(f"occupation_{n}") or "").strip()
            if code:
                out.append((get_occupation(code), self.cleaned_data.get(f"work_type_{n}", "")))
        return out


class ApplicationForm(BasicsForm):
    """New application: the unit (when the user serves several) and the open call first."""

    unit = forms.ModelChoiceField(label="项目申报单位", queryset=None, empty_label="请选择",
                                  error_messages={"required": "请选择项目申报单位。",
                                                  "invalid_choice": "请选择项目申报单位。"})
    call = forms.ModelChoiceField(label="申报批次", queryset=None, empty_label="请选择",
                                  error_messages={"required": "请选择申报批次。",
                                                  "invalid_choice": "该申报批次不可选择。"})
    field_order = ["unit", "call", "kind", "category", "tier"]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        listed = list(units)
        if len(listed) == 1:
            self.fields["unit"].initial = listed[0].pk
            self.fields["unit"].widget = forms.HiddenInput()
        parents = [u.parent_id for u in listed]
        calls = Call.objects.filter(recommenders__in=parents).distinct().order_by("-year", "title")
        self.fields["call"].queryset = calls
        open_calls = [c for c in calls if c.is_open]
        if len(open_calls) == 1:
            self.fields["call"].initial = open_calls[0].pk

    def max_specialities(self) -> int:
        call = self.cleaned_data.get("call")
        return call.threshold("max_specialities") if call else 2

    def clean(self):
        cleaned = super().clean()
        unit, call, kind = cleaned.get("unit"), cleaned.get("call"), cleaned.get("kind")
        if unit and call and not calls_for_applicant(unit).filter(pk=call.pk).exists():
            self.add_error("call", "贵单位的推荐单位未参加该申报批次。")
        elif call and not call.is_open:
            self.add_error("call", "该申报批次已截止或尚未开始申报。")
        elif call and kind and not call.offers(kind):
            self.add_error("kind", f"该申报批次不含{ProjectKind(kind).label}。")
        return cleaned

