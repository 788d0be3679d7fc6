"""Root URLs. Every view is protected (login + scoped permissions) unless listed in
``PUBLIC_URL_NAMES``; tests/test_urls_protected.py walks the resolver to enforce it."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView
from two_factor.urls import urlpatterns as two_factor_urls

from access import mfa
from access import views as access_views
from api import docs as api_docs
from audits.views import calendar as audit_calendar
from common import views as common_views

# django-two-factor-auth's URLs, with its set-up view replaced by ours (a safe ?next=, access/mfa.py).
_two_factor_patterns, _two_factor_app = two_factor_urls
_two_factor_patterns = [
    path("account/two_factor/setup/", mfa.SetupView.as_view(), name="setup")
    if getattr(entry, "name", None) == "setup"
    else entry
    for entry in _two_factor_patterns
]

PUBLIC_URL_NAMES = {
    "login",
    "logout",
    "set_language",
    "healthz",
    "invitation_accept",
    "two_factor:login",
    "calendar_ics",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    # Open data: the published list, a release's page and its published files (a draft is a 404; opendata/views.py)
    "opendata_releases",
    "opendata_release",
    "opendata_file",
}
# The API's schema and documentation describe the interface and hold no data: public (api/docs.py).
PUBLIC_API_URL_NAMES = {"api-schema", "api-docs"}
# Open data: published releases and their files are public without a token (api/views/opendata.py); drafts
# answer 404 to anyone but the competent authority.
PUBLIC_API_URL_NAMES |= {"api:opendata-release-list", "api:opendata-release-detail", "api:opendata-release-file"}

urlpatterns = [
    path("", common_views.home_view, name="home"),
    path("healthz", common_views.healthz_view, name="healthz"),
    path("accounts/login/", access_views.CsmaLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # Forgotten password: a one-time e-mail link (Django's token); two-factor authentication still applies.
    path(
        "accounts/password/reset/",
        auth_views.PasswordResetView.as_view(
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path("accounts/password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/invitation/<str:token>/", access_views.invitation_accept_view, name="invitation_accept"),
    path("", include((_two_factor_patterns, _two_factor_app))),
    path("i18n/", include("django.conf.urls.i18n")),
    path("registry/", include("infrastructure.urls")),
    path("access/", include("access.urls")),
    path("obligations/", include("obligations.urls")),
    path("incidents/", include("incidents.urls")),
    path("audits/", include("audits.urls")),
    path("calendar/<str:token>.ics", audit_calendar.calendar_ics_view, name="calendar_ics"),
    path("reports/", include("reports.urls")),
    path("opendata/", include("opendata.urls")),
    path("api/v1/", include("api.urls")),
    path("api/schema/", api_docs.schema_view, name="api-schema"),
    path("api/docs/", api_docs.swagger_view, name="api-docs"),
    path("api/tokens/", include("api.token_urls")),
    # The admin logs in through the two-factor login page, never its own password-only form.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
]
