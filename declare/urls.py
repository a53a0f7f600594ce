from django.urls import path

from . import views
from .urls_carry import urlpatterns as carry_urls
from .urls_sections import urlpatterns as section_urls
from .urls_workflow import urlpatterns as workflow_urls

app_name = "declare"
urlpatterns = [
    path("", views.application_list, name="list"),
    *section_urls,
    *workflow_urls,
    *carry_urls,
]
