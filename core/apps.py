from django.apps import AppConfig

# What an empty choice of a select reads, everywhere (model choices, foreign keys in forms and
# in 管理后台): Django's "---------" is not Chinese (issue 18 §12).
EMPTY_CHOICE = "请选择"


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "公共组件"

    def ready(self):
        from django.apps import apps
        from django.db.models import fields
        from django.forms import models as model_forms

        # Model fields' blank choice: the one list every Field.get_choices defaults to.
        fields.BLANK_CHOICE_DASH[0] = ("", EMPTY_CHOICE)
        # ModelChoiceField's keyword-only default (admin foreign keys, our forms).
        model_forms.ModelChoiceField.__init__.__kwdefaults__["empty_label"] = EMPTY_CHOICE
        # django-axes ships no Chinese: its app in 管理后台 (models and fields are translated by
        # core/locale/zh_Hans).
        apps.get_app_config("axes").verbose_name = "登录锁定"
