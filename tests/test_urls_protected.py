"""Fail closed: every URL either sends an anonymous visitor to a login page or is on the public allowlist."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from csma.urls import PUBLIC_URL_NAMES

pytestmark = pytest.mark.django_db
SAMPLE_ARGS = {"int": "1", "str": "xlsx", "path": "x", "slug": "x"}


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield namespace + (entry.name or ""), prefix + str(entry.pattern)


def _sample_path(route: str) -> str | None:
    if route.startswith("^") or "(?P" in route:  # admin's regex routes: covered by its own login check
        route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route).lstrip("^").rstrip("$").replace("\\", "")
        if any(ch in route for ch in "()[]*+?|"):
            return None
    path = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE_ARGS[m.group(1) or "str"], route)
    return "/" + path


def protected_urls():
    for name, route in _walk(get_resolver().url_patterns):
        if name.split(":")[-1] in PUBLIC_URL_NAMES or name.startswith("set_language"):
            continue
        path = _sample_path(route)
        if path is not None:
            yield pytest.param(path, id=name or route)


@pytest.mark.parametrize("path", list(protected_urls()))
def test_anonymous_visitor_is_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302, f"{path} answered {response.status_code} to an anonymous visitor"
    final = client.get(path, follow=True)
    assert final.request["PATH_INFO"] in ("/accounts/login/", "/admin/login/"), final.redirect_chain


def test_allowlist_is_short_and_known():
    assert PUBLIC_URL_NAMES == {"login", "logout", "set_language", "healthz", "invitation_accept", "two_factor:login"}
