
from . import views

app_name = "orgs"
urlpatterns: list = []
_ = views
