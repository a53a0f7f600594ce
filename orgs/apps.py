from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "orgs"
    verbose_name = "单位与账号"

    def ready(self):
        from . import rolecache, security, usercache  # noqa: F401 - security: the login receiver

        rolecache.connect()
        usercache.connect()
