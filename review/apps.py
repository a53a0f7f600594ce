from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "review"
    verbose_name = "自治区复审"

    def ready(self):
        from . import stats_cache  # noqa: F401 - connects the statistics cache's receivers
