from django.urls import path

from . import views_materials, views_versions, views_workflow

urlpatterns = [
    path("<int:pk>/precheck/", views_workflow.precheck, name="precheck"),
    path("<int:pk>/precheck/<str:rule_id>/explain/", views_workflow.explain, name="explain"),
    path("<int:pk>/submit/", views_workflow.submit, name="submit"),
    path("<int:pk>/submit/unchanged/<str:key>/", views_workflow.unchanged_reason,
         name="unchanged_reason"),
    path("<int:pk>/withdraw/", views_workflow.withdraw, name="withdraw"),
    path("<int:pk>/timeline/", views_workflow.timeline, name="timeline"),
    path("<int:pk>/versions/", views_workflow.versions, name="versions"),
    path("<int:pk>/versions/<int:number>/", views_workflow.version, name="version"),
    path("<int:pk>/versions/<int:old>/compare/<int:new>/", views_versions.compare,
         name="version_compare"),
    path("<int:pk>/materials/", views_materials.materials, name="materials"),
    path("<int:pk>/materials/reorder/", views_materials.reorder, name="material_reorder"),
    path("<int:pk>/materials/<int:mid>/", views_materials.download, name="material_download"),
    path("<int:pk>/materials/<int:mid>/delete/", views_materials.delete, name="material_delete"),
    path("<int:pk>/materials/<int:mid>/move/", views_materials.move, name="material_move"),
]
