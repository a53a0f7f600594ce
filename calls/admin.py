from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from quotas.models import Quota

from .models import Call


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
