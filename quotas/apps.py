from django.apps import AppConfig


class QuotasConfig(AppConfig):
    name = "quotas"
    verbose_name = "推荐名额与推荐"

    def ready(self):
        from . import receivers  # noqa: F401  (connects the package receiver)
