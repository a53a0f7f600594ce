from django.urls import path

from .views import changes, lists, project, records

app_name = "projects"
urlpatterns = [
    path("", lists.project_list, name="list"),
    path("public/", lists.public_list, name="public"),
    path("bans/", lists.ban_list, name="bans"),
    path("awaiting/", lists.awaiting, name="awaiting"),
    path("awaiting/<int:app_pk>/create/", lists.create, name="create"),
    path("<int:pk>/", project.detail, name="detail"),
    path("<int:pk>/release/", project.release, name="release"),
    path("<int:pk>/acceptance/apply/", project.apply, name="apply_acceptance"),
    path("<int:pk>/acceptance/decide/", project.decide, name="decide_acceptance"),
    path("<int:pk>/revoke/", project.revoke, name="revoke"),
    path("<int:pk>/plaque.pdf", project.plaque, name="plaque"),
    path("<int:pk>/spending/", records.spending, name="spending"),
    path("<int:pk>/evaluate/", records.evaluate, name="evaluate"),
    path("<int:pk>/milestones/<int:mid>/report/", records.report, name="report"),
    path("<int:pk>/reports/<int:rid>/evidence/", records.evidence, name="evidence"),
    path("<int:pk>/changes/new/<str:kind>/", changes.new, name="change_new"),
    path("<int:pk>/changes/<int:cid>/", changes.change, name="change"),
    path("<int:pk>/changes/<int:cid>/document/", changes.document, name="change_document"),
]
