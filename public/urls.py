from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("", views.index, name="index"),
    path("notices/<int:pk>/", views.notice, name="notice"),
    path("accepted/", views.accepted, name="accepted"),
]
