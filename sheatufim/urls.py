from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from initiatives import views as initiative_views
from initiatives.permissions import can_use_admin

from .accounts import LimitedPasswordResetView
from .api_docs import redoc_bundle
from .health import healthz, healthz_worker

admin.site.has_permission = lambda request: can_use_admin(request.user)
admin.site.site_header = "Sheatufim"

urlpatterns = [
    path("", initiative_views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("healthz/worker", healthz_worker, name="healthz_worker"),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/reset/",
        LimitedPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "invitations/<str:token>/",
        initiative_views.invitation_accept,
        name="invitation_accept",
    ),
    path("account/api-tokens/", initiative_views.api_tokens, name="api_tokens"),
    path("", include("initiatives.urls")),
    path("", include("agenda.urls")),
    path("", include("activities.urls")),
    path("", include("communication.urls")),
    path("", include("backbone.urls")),
    path("", include("spheres.urls")),
    path("", include("community.urls")),
    path("", include("measurement.urls")),
    path("api/v1/redoc/redoc.js", redoc_bundle, name="redoc_bundle"),
    path("api/v1/", include("sheatufim.api.urls")),
    path("admin/", admin.site.urls),
]
# MEDIA_ROOT (evidence, imported spreadsheets) is never served as files, under DEBUG neither:
# each file is reached only through a view that asks the policy (e.g. submission_evidence).
