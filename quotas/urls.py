from django.urls import path

from . import views, views_package, views_ranking, views_region, views_report

app_name = "quotas"
P = "<int:rec>/<int:call>/"
A = P + "a/<int:pk>/"
R = "region/<int:call>/<int:rec>/"

urlpatterns = [
    path("", views.index, name="index"),
    path(P, views.inbox, name="inbox"),
    path(A, views.application_detail, name="application"),
    path(A + "recommend/", views.recommend_view, name="recommend"),
    path(A + "decline/", views.decline_view, name="decline"),
    path(A + "return/", views.return_view, name="return"),
    path(A + "undo/", views.undo_view, name="undo"),
    path(A + "statement/", views.statement_view, name="statement"),
    path(P + "ranking/", views_ranking.ranking_page, name="ranking"),
    path(P + "ranking/<int:pk>/<str:direction>/", views_ranking.move_view, name="move"),
    path(P + "report/", views_report.report_page, name="report"),
    path(P + "report/pdf/", views_report.report_pdf, name="report_pdf"),
    path(P + "report/scans/", views_report.scan_upload, name="scan_upload"),
    path(P + "report/scans/<int:scan>/", views_report.scan_download, name="scan_download"),
    path(P + "report/scans/<int:scan>/delete/", views_report.scan_delete, name="scan_delete"),
    path(P + "contact/", views_report.contact_page, name="contact"),
    path(P + "annex2/", views_package.annex2_page, name="annex2"),
    path(P + "package/", views_package.package_page, name="package"),
    path(P + "package/submit/", views_package.submit_view, name="submit"),
    path("region/", views_region.region_index, name="region_index"),
    path("region/<int:call>/", views_region.region_overview, name="region"),
    path("region/<int:call>/contacts/", views_region.region_contacts, name="region_contacts"),
    path(R, views_region.region_package, name="region_package"),
    path(R + "reopen/", views_region.reopen_view, name="reopen"),
    path(R + "extend/", views_region.extend_view, name="extend"),
    path(R + "scans/<int:scan>/", views_region.region_scan, name="region_scan"),
    path(R + "contact-requests/<int:pk>/", views_region.contact_decide, name="contact_decide"),
]
