"""TOTP two-factor authentication is required for administrators and regulators (issue #3); optional for
agency roles. Login and device set-up are django-two-factor-auth's; this middleware only enforces."""

import time

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from two_factor.forms import AuthenticationTokenForm
from two_factor.views import SetupView as TwoFactorSetupView

from access.policy import MFA_REQUIRED_ROLES

EXEMPT_URL_NAMES = frozenset(
    {
        "login",
        "logout",
        "set_language",
        "healthz",
        "javascript-catalog",
        "two_factor:setup",
        "two_factor:qr",
        "two_factor:setup_complete",
        "two_factor:backup_tokens",
        "two_factor:login",
    }
)


def mfa_required_for(user) -> bool:
    cached = getattr(user, "_csma_mfa_required", None)
    if cached is None:
        cached = (
            user.is_superuser
            or user.is_staff
            or user.role_assignments.filter(revoked_at__isnull=True, role__in=sorted(MFA_REQUIRED_ROLES)).exists()
        )
        user._csma_mfa_required = cached
    return cached


def _url_name(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        return ""
    return match.view_name


class RequireMFAMiddleware:
    """After django_otp's OTPMiddleware: send unverified privileged users to set up or use their device."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and _url_name(request.path_info) == "two_factor:disable" and mfa_required_for(user):
            raise PermissionDenied(_("Your role requires two-factor authentication; it cannot be turned off."))
        if (
            user.is_authenticated
            and not user.is_verified()
            and mfa_required_for(user)
            and _url_name(request.path_info) not in EXEMPT_URL_NAMES
            and not request.path_info.startswith("/static/")
        ):
            messages.warning(
                request, _("Your role requires two-factor authentication. Set up an authenticator app to continue.")
            )
            return redirect("two_factor:setup")
        return self.get_response(request)


def totp_token_already_used(device, token: str, *, now: float | None = None) -> bool:
    """True when ``token`` is a valid code of ``device`` for a time step it has already accepted (django-otp
    refuses a code twice, RFC 6238 §5.2): the person should wait for the next code, not retype this one."""
    if not isinstance(device, TOTPDevice) or device.last_t < 0 or not str(token).isdigit():
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if now is None else now
    current = totp.t()
    for t in range(current - device.tolerance, current + device.tolerance + 1):
        if t > device.last_t:
            continue
        totp.time = device.t0 + (t - device.drift) * device.step
        if totp.token() == int(token):
            return True
    return False


class CsmaAuthenticationTokenForm(AuthenticationTokenForm):
    """The log-in code step: a code already used in its 30-second window gets its own message."""

    def _verify_token(self, user, token, device=None):
        try:
            return super()._verify_token(user, token, device)
        except forms.ValidationError as error:
            if getattr(error, "code", None) == "invalid_token" and totp_token_already_used(device, token):
                raise forms.ValidationError(
                    _("This code has already been used. Wait for the next code in your authenticator app."),
                    code="token_reused",
                ) from error
            raise


class SetupView(TwoFactorSetupView):
    """django-two-factor-auth's device set-up, with ``?next=`` taken only as a path on this site: its own check
    lets "abc" through, and ``redirect("abc")`` then fails as an unknown view name (a server error, issue 9)."""

    def get_redirect_url(self):
        url = super().get_redirect_url()
        return url if url.startswith("/") else ""
