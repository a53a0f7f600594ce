from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _import_known_years(sender, **kwargs):
    """After every migrate (and every flush, which emits post_migrate too): the years
    chinese_calendar knows that the table has not, so a fresh install and an emptied test
    database can count working days, and a newer package adds its new years."""
    from .models import CalendarDay, HolidayYear
    from .seed import import_known_years

    import_known_years(HolidayYear, CalendarDay)


class WorkdaysConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "workdays"
    verbose_name = "工作日历"

    def ready(self):
        post_migrate.connect(_import_known_years, sender=self)
