from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect, render
from django.urls import path
from simple_history.admin import SimpleHistoryAdmin

from calls.models import Call
from core.errors import DomainError

from .importer import import_quotas
from .models import Quota


class QuotaImportForm(forms.Form):
    call = forms.ModelChoiceField(Call.objects.all(), label="申报批次")
    file = forms.FileField(label="名额分配表（.xlsx 或 .csv）",
                           help_text="格式同附件1：第一列为盟市或推荐单位，另有“培训基地”“工作室”两列。")


@admin.register(Quota)
class QuotaAdmin(SimpleHistoryAdmin):
    list_display = ("call", "recommender", "kind", "amount")
    list_filter = ("call", "kind")
    search_fields = ("recommender__name", "recommender__short_name")
    autocomplete_fields = ("recommender",)
    change_list_template = "quotas/admin_changelist.html"

    def get_urls(self):
        return [path("import/", self.admin_site.admin_view(self.import_view),
                     name="quotas_quota_import")] + super().get_urls()

    def import_view(self, request):
        if not request.user.has_perm("quotas.add_quota"):
            return redirect("admin:index")
        form = QuotaImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            f = form.cleaned_data["file"]
            try:
                result = import_quotas(call=form.cleaned_data["call"], filename=f.name,
                                       content=f.read())
            except DomainError as exc:
                form.add_error("file", str(exc))
            else:
                if result.errors:
                    for e in result.errors:
                        messages.error(request, e)
                    messages.error(request, "导入未生效：请修正以上错误后重新导入。")
                else:
                    messages.success(request, f"已导入 {result.rows} 个推荐单位的名额"
                                              f"（新增 {result.created}，更新 {result.updated}）。")
                    return redirect("admin:quotas_quota_changelist")
        ctx = {**self.admin_site.each_context(request), "form": form, "title": "导入推荐名额分配表",
               "opts": self.model._meta}
        return render(request, "quotas/admin_import.html", ctx)
