"""Shared fixtures. Browser tests use Debian's Chromium through Playwright (no browser download)."""
import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop + ORM in the same test

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM = os.environ.get("CSMA_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-TW", "timezone_id": "Asia/Taipei",
            "viewport": {"width": 1366, "height": 900}}


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot to test-artifacts/<name>.png."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def regulator_user(db):
    """Competent-authority staff with registry view/import rights (global permissions)."""
    from tests.factories import UserFactory

    return UserFactory(username="regulator", perms=[
        "infrastructure.view_agency", "infrastructure.add_registryimport", "infrastructure.view_registryimport",
    ])


@pytest.fixture(autouse=True)
def english_messages_outside_requests():
    """Service/command messages are asserted in English source text; requests still pick their
    language through LocaleMiddleware (zh-Hant by default)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def otp_verify(client, user):
    """Log ``user`` in with a confirmed TOTP device, as if the second factor had been entered."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _created = TOTPDevice.objects.get_or_create(user=user, name="default", defaults={"confirmed": True})
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin_client, with the second factor a superuser must have (access/mfa.py)."""
    return otp_verify(client, admin_user)
