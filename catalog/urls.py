from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("occupations/", views.occupation_search, name="occupation_search"),
]
