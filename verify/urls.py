from django.urls import path

from . import views

app_name = "verify"
urlpatterns = [
    path("", views.lookup, name="lookup"),
    path("applications/<int:pk>/scans/", views.upload, name="upload"),
    path("scans/<int:scan_id>/", views.scan_detail, name="scan"),
    path("scans/<int:scan_id>/file/", views.scan_file, name="scan_file"),
    path("<str:code>/", views.page_view, name="page"),
]
