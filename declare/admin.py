from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Application, ApplicationEvent, Section, Speciality


class SpecialityInline(admin.TabularInline):
    model = Speciality
    extra = 0
    raw_id_fields = ("occupation",)


@admin.register(Application)
class ApplicationAdmin(SimpleHistoryAdmin):
    list_display = ("reference", "unit", "call", "kind", "category", "tier", "status")
    list_filter = ("call", "kind", "status", "category")
    search_fields = ("reference", "unit__name")
    raw_id_fields = ("unit", "created_by")
    inlines = [SpecialityInline]


@admin.register(Section)
class SectionAdmin(SimpleHistoryAdmin):
    list_display = ("application", "key", "version", "complete", "updated_at")
    list_filter = ("key", "complete")
    raw_id_fields = ("application", "updated_by")


@admin.register(ApplicationEvent)
class ApplicationEventAdmin(admin.ModelAdmin):
    list_display = ("application", "action", "from_status", "to_status", "actor", "created_at")
    list_filter = ("action",)
    raw_id_fields = ("application", "actor", "actor_org")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
