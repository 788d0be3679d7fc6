"""Fail closed: every URL either sends an anonymous visitor to a login page or is on the public allowlist."""

import pytest

from csma.urls import PUBLIC_URL_NAMES
from tests.urlwalk import sample_path, walk

pytestmark = pytest.mark.django_db


def protected_urls():
    for name, route in walk():
        if name.split(":")[-1] in PUBLIC_URL_NAMES or name.startswith("set_language"):
            continue
        path = sample_path(route)
        if path is not None:
            yield pytest.param(path, id=name or route)


@pytest.mark.parametrize("path", list(protected_urls()))
def test_anonymous_visitor_is_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302, f"{path} answered {response.status_code} to an anonymous visitor"
    final = client.get(path, follow=True)
    assert final.request["PATH_INFO"] in ("/accounts/login/", "/admin/login/"), final.redirect_chain


def test_allowlist_is_short_and_known():
    assert PUBLIC_URL_NAMES == {
        "login",
        "logout",
        "set_language",
        "healthz",
        "invitation_accept",
        "two_factor:login",
        # the forgotten-password flow (one-time e-mail link; two-factor authentication still applies)
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
    }
