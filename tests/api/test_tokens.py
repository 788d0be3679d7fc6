"""Personal API tokens: created on the user's page and shown once, stored hashed, scoped, expiring,
revocable (each with an event), last use recorded; a token acts with exactly its user's permissions."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from api import services
from api.models import ApiToken, ApiTokenEvent
from tests.api.conftest import client_with, token_for

pytestmark = pytest.mark.django_db


def test_the_page_shows_a_new_token_once_and_stores_only_its_hash(client, users):
    client.force_login(users["officer"])
    response = client.post("/api/tokens/", {"name": "SOC connector", "scope": "write", "valid_days": 90})
    assert response.status_code == 200
    raw = re.search(r'data-testid="new-token">(csma_[\w-]+)<', response.content.decode()).group(1)
    token = ApiToken.objects.get()
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {token.prefix, token.name, token.token_hash}
    assert (token.user, token.scope, token.name) == (users["officer"], "write", "SOC connector")
    assert timedelta(days=89, hours=23) < token.expires_at - timezone.now() <= timedelta(days=90)
    assert raw not in client.get("/api/tokens/").content.decode()  # shown once
    assert list(ApiTokenEvent.objects.values_list("kind", "actor__username")) == [("created", "officer")]
    assert client_with(raw).get("/api/v1/incidents/").status_code == 200


def test_anonymous_visitors_are_sent_to_login(client):
    assert client.get("/api/tokens/")["Location"].startswith("/accounts/login/")


def test_revoked_token_answers_401_and_the_revocation_is_an_event(client, users):
    created = services.api_token_create(
        user=users["officer"], name="x", scope="read", valid_days=30, now=timezone.now()
    )
    client.force_login(users["officer"])
    assert client.post(f"/api/tokens/{created.token.pk}/revoke/").status_code == 302
    response = client_with(created.raw).get("/api/v1/incidents/")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    assert list(ApiTokenEvent.objects.values_list("kind", flat=True)) == ["created", "revoked"]


def test_nobody_revokes_another_users_token(client, users):
    created = services.api_token_create(
        user=users["officer"], name="x", scope="read", valid_days=30, now=timezone.now()
    )
    client.force_login(users["viewer"])
    assert client.post(f"/api/tokens/{created.token.pk}/revoke/").status_code == 404
    created.token.refresh_from_db()
    assert created.token.revoked_at is None


def test_an_expired_token_answers_401(users):
    created = services.api_token_create(
        user=users["officer"], name="x", scope="read", valid_days=1, now=timezone.now() - timedelta(days=2)
    )
    assert client_with(created.raw).get("/api/v1/incidents/").status_code == 401


def test_a_deactivated_users_token_answers_401(users):
    raw = token_for(users["officer"])
    users["officer"].is_active = False
    users["officer"].save(update_fields=["is_active"])
    assert client_with(raw).get("/api/v1/incidents/").status_code == 401


@pytest.mark.parametrize("header", ["Bearer csma_not-a-real-token", "Bearer", "Bearer a b", "Bearer ünicode"])
def test_bad_tokens_answer_401(header):
    from rest_framework.test import APIClient

    response = APIClient().get("/api/v1/incidents/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_last_use_is_recorded_with_the_address(users):
    created = services.api_token_create(
        user=users["officer"], name="x", scope="read", valid_days=30, now=timezone.now()
    )
    client_with(created.raw, REMOTE_ADDR="203.0.113.7").get("/api/v1/sectors/")
    created.token.refresh_from_db()
    assert created.token.last_used_ip == "203.0.113.7"
    assert timezone.now() - created.token.last_used_at < timedelta(seconds=30)


def test_a_token_sees_exactly_what_its_user_sees(world, users):
    """The viewer of the school: the registry list holds the school only; 國稅局 is a 404."""
    client = client_with(token_for(users["viewer"]))
    names = [row["name"] for row in client.get("/api/v1/agencies/").json()["results"]]
    assert names == ["臺北市立大安國民小學"]
    assert client.get(f"/api/v1/agencies/{world['tax'].pk}/").status_code == 404


@pytest.mark.parametrize(("days", "field"), [(0, "valid_days"), (367, "valid_days")])
def test_validity_is_bounded(users, days, field):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.api_token_create(user=users["officer"], name="x", scope="read", valid_days=days, now=timezone.now())
    assert error.value.message_dict == {field: ["A token is valid for 1 to 366 days."]}
    assert ApiToken.objects.exists() is False
