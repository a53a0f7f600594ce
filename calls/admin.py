from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from quotas.models import Quota

from .choices import CallStatus
from .copying import copy_call
from .models import Call
from .readiness import problems


class QuotaInline(admin.TabularInline):
    model = Quota
    extra = 0
    autocomplete_fields = ("recommender",)


@admin.register(Call)
class CallAdmin(SimpleHistoryAdmin):
    list_display = ("year", "title", "doc_number", "level", "status", "recommender_deadline")
    list_filter = ("level", "status", "year")
    search_fields = ("title", "doc_number")
    filter_horizontal = ("recommenders",)
    inlines = [QuotaInline]
    actions = ["copy_to_next_year"]

    @admin.action(description="复制为下一年度批次（未发布）", permissions=["add"])
    def copy_to_next_year(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "请只选择一个批次进行复制。", messages.ERROR)
            return None
        copy = copy_call(queryset.get(), by=request.user, request=request)
        self.message_user(request, f"已复制为“{copy.title}”（未发布）。请修改文号、日期、指标和"
                                   "推荐名额后，将状态改为“申报中”发布。", messages.SUCCESS)
        return redirect(reverse("admin:calls_call_change", args=[copy.pk]))

    def save_related(self, request, form, formsets, change):
        """Opening is checked once everything is saved (recommenders and 附件1 inline included):
        a call with a missing piece stays 未发布, and the message names each piece."""
        super().save_related(request, form, formsets, change)
        call = form.instance
        opening = not change or "status" in form.changed_data
        if call.status != CallStatus.OPEN or not opening:
            return
        found = problems(call)
        if found:
            call.status = CallStatus.DRAFT
            call._change_reason = "发布条件不全，保存为未发布"
            call.save(update_fields=["status"])
            self.message_user(request, "批次未能发布，已保存为“未发布”：" + "".join(found),
                              messages.ERROR)
