"""Root URLs. Every view is protected (login + object permissions) unless listed in
``PUBLIC_URL_NAMES``; tests/test_urls_protected.py walks the resolver to enforce it."""
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from common import views as common_views

PUBLIC_URL_NAMES = {"login", "logout", "set_language", "healthz"}

urlpatterns = [
    path("", common_views.home_view, name="home"),
    path("healthz", common_views.healthz_view, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("registry/", include("infrastructure.urls")),
    path("admin/", admin.site.urls),
]
