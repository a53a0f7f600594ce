from django.apps import AppConfig


class DeclareConfig(AppConfig):
    name = "declare"
    verbose_name = "项目申报"

    def ready(self):
        from . import checks  # noqa: F401  (registers the frozen-form check)
