from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.module_loading import import_string

from orgs import auth_views as auth_views_2fa
from orgs import stepup
from orgs import views as org_views

admin.site.site_header = "高技能人才建设项目申报评审系统 · 管理后台"
admin.site.site_title = "管理后台"
admin.site.login = auth_views_2fa.admin_login  # no login that skips the second factor

urlpatterns = [
    path("", org_views.home, name="home"),
    path("login/", auth_views_2fa.LoginView.as_view(), name="login"),
    path("login/otp/", auth_views_2fa.login_otp, name="login_otp"),
    path("account/2fa/", auth_views_2fa.second_factor, name="second_factor"),
    path("account/confirm/", stepup.confirm, name="confirm_code"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", org_views.password_change, name="password_change"),
    path("account/", org_views.account, name="account"),
    path("orgs/", include("orgs.urls")),
    path("catalog/", include("catalog.urls")),
    path("calls/", include("calls.urls")),
    path("declare/", include("declare.urls")),
    path("quotas/", include("quotas.urls")),
    path("review/", include("review.urls")),
    path("documents/", include("documents.urls")),
    path("projects/", include("projects.urls")),
    path("notifications/", include("notify.urls")),
    path("public/", include("public.urls")),
    path("verify/", include("verify.urls")),
    path("admin/", admin.site.urls),
]

if settings.BENCH_HELLO:  # the benchmark's bare comparison view (make bench)
    urlpatterns.append(path("bench/hello/", import_string("bench.views.hello")))

handler400 = "core.views.bad_request"
handler403 = "core.views.forbidden"
handler404 = "core.views.not_found"
handler500 = "core.views.server_error"
