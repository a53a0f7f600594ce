from django.urls import path

from . import views

urlpatterns = [
    path("new/", views.application_create, name="create"),
    path("<int:pk>/", views.application_overview, name="overview"),
    path("<int:pk>/basics/", views.application_basics, name="basics"),
    path("<int:pk>/sections/<slug:key>/", views.section_edit, name="section"),
]
