from django.apps import AppConfig


class DeclareConfig(AppConfig):
    name = "declare"
    verbose_name = "项目申报"
