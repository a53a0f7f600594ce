from django.urls import path

from . import views_carry

urlpatterns = [
    path("<int:pk>/carry/", views_carry.carry_confirm, name="carry"),
    path("<int:pk>/carry/checked/<slug:key>/", views_carry.carry_checked, name="carry_checked"),
    path("<int:pk>/materials/reuse/", views_carry.carry_materials, name="carry_materials"),
]
