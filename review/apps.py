from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "review"
    verbose_name = "自治区复审"

    def ready(self):
        from . import receivers, stats_cache  # noqa: F401 - connect the copy and statistics receivers
