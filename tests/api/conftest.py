"""API fixtures on top of the shared ``world``/``users``: a real personal token per user (the channel
under test), sent as ``Authorization: Bearer``."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from api import services


def token_for(user, *, scope: str = "write", valid_days: int = 30) -> str:
    return services.api_token_create(user=user, name="test", scope=scope, valid_days=valid_days, now=timezone.now()).raw


def client_with(raw: str | None, **headers) -> APIClient:
    client = APIClient(**headers)
    if raw:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


@pytest.fixture
def api_as(users):
    """``api_as("officer")``: an API client holding a write token of that user (``scope="read"`` for read)."""

    def make(role: str, *, scope: str = "write", **headers) -> APIClient:
        return client_with(None if role == "anonymous" else token_for(users[role], scope=scope), **headers)

    return make


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters live in the cache, keyed by token id; ids recur across rolled-back tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
