from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "项目建设管理"

    def ready(self):
        from . import records
        from .eligibility import register

        register()
        records.connect()
