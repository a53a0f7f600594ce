from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("applications/<int:pk>/", views.application_documents, name="application"),
    path("calls/<int:call_id>/summary/", views.summary_export, name="summary"),
    path("jobs/<int:job_id>/", views.job_detail, name="job"),
    path("jobs/<int:job_id>/progress/", views.job_progress, name="progress"),
    path("jobs/<int:job_id>/resend/", views.job_resend, name="resend"),
    path("jobs/<int:job_id>/download/", views.job_download, name="download"),
]
