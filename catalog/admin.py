from django.contrib import admin

from .models import Occupation


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "green", "digital")
    list_filter = ("level", "green", "digital")
    search_fields = ("code", "name")
