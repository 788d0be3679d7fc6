"""Cross-cutting behaviour of the API channel: JSON errors in zh-Hant or English, rate limit per token,
ISO 8601 times with offset, pagination, unknown methods."""

import pytest

from tests.api.conftest import client_with, token_for

pytestmark = pytest.mark.django_db


def test_errors_follow_accept_language(api_as):
    english = api_as("anonymous", HTTP_ACCEPT_LANGUAGE="en").get("/api/v1/incidents/")
    chinese = api_as("anonymous", HTTP_ACCEPT_LANGUAGE="zh-Hant").get("/api/v1/incidents/")
    assert english.json() == {"code": "not_authenticated", "message": "Log in or send an API token.", "fields": {}}
    assert chinese.json() == {"code": "not_authenticated", "message": "請登入或提供 API 權杖。", "fields": {}}


def test_not_found_is_json(api_as):
    response = api_as("officer", HTTP_ACCEPT_LANGUAGE="en").get("/api/v1/incidents/999999/")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Not found, or outside what you may see.", "fields": {}}


def test_rate_limit_counts_per_token(settings, users):
    settings.CSMA_API_RATE = "3/minute"
    first, second = client_with(token_for(users["officer"])), client_with(token_for(users["officer"]))
    answers = [first.get("/api/v1/sectors/").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    limited = first.get("/api/v1/sectors/")
    assert limited.json()["code"] == "throttled"
    assert int(limited["Retry-After"]) > 0
    assert second.get("/api/v1/sectors/").status_code == 200  # another token has its own budget


def test_pagination(world, users, api_as):
    body = api_as("admin").get("/api/v1/agencies/?page_size=2&ordering=id").json()
    assert body["count"] == 7
    assert [row["id"] for row in body["results"]] == sorted(agency.pk for agency in world.values())[:2]
    assert body["next"].endswith("page=2&page_size=2&ordering=id") or "page=2" in body["next"]


def test_a_method_an_endpoint_does_not_offer_is_405(api_as):
    response = api_as("admin").delete("/api/v1/sectors/1/")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


def test_times_are_iso_8601_with_the_taipei_offset(world, users, api_as):
    created_at = api_as("admin").get(f"/api/v1/agencies/{world['tax'].pk}/").json()["created_at"]
    assert created_at.endswith("+08:00")


@pytest.mark.parametrize(("lang", "label"), [("zh-hant", "已通報"), ("en", "Reported")])
def test_the_schema_documents_enums_in_zh_hant_and_english(client, lang, label):
    import json

    schema = json.loads(client.get(f"/api/schema/?format=json&lang={lang}").content)
    assert f"* `reported` - {label}" in schema["components"]["schemas"]["IncidentStatusEnum"]["description"]


def test_an_incident_read_through_the_api_is_logged_like_the_page(world, users, api_as):
    from access.models import ReadEvent
    from tests.incidents.conftest import file_incident

    incident = file_incident(world["tax"], users["officer"], level=1)
    api_as("mof").get(f"/api/v1/incidents/{incident.pk}/")
    read = ReadEvent.objects.get()
    assert (read.user, read.object_type, read.object_id, read.data) == (
        users["mof"],
        "incident",
        str(incident.pk),
        {"channel": "api"},
    )
