from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "review"
    verbose_name = "自治区复审"
