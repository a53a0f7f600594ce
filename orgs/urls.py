from django.urls import path

from . import unlock_views

app_name = "orgs"
urlpatterns = [
    path("unlock/email/", unlock_views.unlock_email, name="unlock_email"),
    path("unlock/email/<str:token>/", unlock_views.unlock_link, name="unlock_link"),
    path("unlock/code/", unlock_views.unlock_code, name="unlock_code"),
]
