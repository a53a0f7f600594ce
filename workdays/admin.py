from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from simple_history.admin import SimpleHistoryAdmin

from audit.models import AuditAction
from audit.services import log_event

from .models import CalendarDay, HolidayYear


class DaysOfTheYear(BaseInlineFormSet):
    """Every day entered lies in the year being entered (the year may not be saved yet)."""

    def clean(self):
        super().clean()
        year = self.instance.year
        for form in self.forms:
            day = form.cleaned_data.get("day") if hasattr(form, "cleaned_data") else None
            if day and year and day.year != year and not form.cleaned_data.get("DELETE"):
                form.add_error("day", f"日期不在{year}年内。")


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    formset = DaysOfTheYear
    extra = 3
    fields = ("day", "kind", "name")


@admin.register(HolidayYear)
class HolidayYearAdmin(SimpleHistoryAdmin):
    """管理后台 → 工作日历: the administrator enters next year's 放假/调休 from the 国务院办公厅
    notice; every change is kept by simple-history and written to the event log."""

    list_display = ("year", "source", "holiday_count", "updated_by")
    readonly_fields = ("updated_by",)
    inlines = [CalendarDayInline]

    @admin.display(description="放假或调休日数")
    def holiday_count(self, obj):
        return obj.days.count()

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        days = [f"{d.day:%Y-%m-%d} {d.get_kind_display()}" for d in form.instance.days.all()]
        log_event(form.instance, request.user, AuditAction.CHANGE, request=request,
                  step="工作日历", year=form.instance.year, days=days)
