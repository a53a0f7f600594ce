from django import forms

from calls.choices import ProjectKind

from .models import RenderKind


class RenderForm(forms.Form):
    kind = forms.ChoiceField(label="文档", choices=[(RenderKind.FORM, "申报表（PDF）"),
                                                   (RenderKind.BUNDLE, "打印合订本（PDF）")],
                             error_messages={"invalid_choice": "请选择要生成的文档。",
                                             "required": "请选择要生成的文档。"})


class SummaryForm(forms.Form):
    kind = forms.ChoiceField(label="汇总表", choices=[(ProjectKind.BASE, "附件2-1 培训基地"),
                                                   (ProjectKind.STUDIO, "附件2-2 工作室")],
                             error_messages={"invalid_choice": "请选择汇总表。"})
    fmt = forms.ChoiceField(label="格式", choices=[("xlsx", "Excel"), ("pdf", "PDF")],
                            error_messages={"invalid_choice": "请选择导出格式。"})
    recommender = forms.IntegerField(label="推荐单位", required=False, min_value=1)
