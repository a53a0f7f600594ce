from django.contrib import admin

from .models import Expert, Panel, Rubric


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "post", "is_active")
    exclude = ("mobile_encrypted",)


@admin.register(Panel)
class PanelAdmin(admin.ModelAdmin):
    list_display = ("name", "call", "kind", "status")


@admin.register(Rubric)
class RubricAdmin(admin.ModelAdmin):
    list_display = ("call", "kind", "version", "created_at")
