from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "orgs"
    verbose_name = "单位与账号"

    def ready(self):
        from . import security  # noqa: F401 - connects the login receiver
