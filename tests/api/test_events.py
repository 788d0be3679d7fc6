"""The audit trail through the API: the trail page's rows and filters (access/trail.py), for exactly the
roles that may open the trail page (access.view_event_log); anyone else 403, anonymous 401."""

from datetime import timedelta

import pytest
from django.utils import timezone

from access import trail
from infrastructure import services
from infrastructure.models import AgencyEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry_events(world, users):
    services.level_propose(
        agency=world["tax"], level="B", criteria=["B-3"], acting_user=users["mof"], now=timezone.now()
    )
    services.level_propose(
        agency=world["school"], level="D", criteria=["D-1"], acting_user=users["moda"], now=timezone.now()
    )
    return AgencyEvent.objects.order_by("id")


def test_the_trail_lists_every_source_newest_first_as_the_page(api_as, registry_events):
    body = api_as("moda").get("/api/v1/events/?page_size=200").json()
    page_rows = [(row["source"], str(row["kind"]), row["object_ref"]) for row in trail.trail_search()]
    assert body["count"] == len(page_rows)
    assert [(row["source"], row["kind"], row["object_ref"]) for row in body["results"]] == page_rows
    times = [row["occurred_at"] for row in body["results"]]
    assert times == sorted(times, reverse=True)
    assert {row["source"] for row in body["results"]} >= {"registry", "access"}


def test_filters_by_agency_and_kind_give_the_agencys_registry_events(world, users, api_as, registry_events):
    tax = world["tax"]
    rows = (
        api_as("admin", HTTP_ACCEPT_LANGUAGE="en")
        .get(f"/api/v1/events/?agency={tax.pk}&kind=level_proposed")
        .json()["results"]
    )
    event = registry_events.get(agency=tax)
    assert len(rows) == 1
    row = rows[0]
    assert (row["source"], row["kind"], row["kind_label"], row["actor"], row["object_type"], row["object_ref"]) == (
        "registry",
        "level_proposed",
        "Level proposed",
        "mof",
        "agency",
        str(tax.pk),
    )
    assert row["source_label"] == "Registry changes"
    assert row["object_label"] == f"Agency {tax.name}"
    assert row["data"]["level"] == "B"
    assert row["changes"] == [{"label": "Level", "value": "B"}, {"label": "Criteria", "value": "B-3"}]
    assert row["occurred_at"] == timezone.localtime(event.occurred_at).isoformat()


def test_since_and_until_bound_the_instants_in_any_offset(world, api_as, registry_events):
    event = registry_events.get(agency=world["tax"])
    at = event.occurred_at
    client = api_as("moda")

    def count(**params):
        query = "&".join(f"{key}={value.isoformat().replace('+', '%2B')}" for key, value in params.items())
        return client.get(f"/api/v1/events/?agency={world['tax'].pk}&{query}").json()["count"]

    assert count(since=at) == 1
    assert count(since=at + timedelta(microseconds=1)) == 0
    assert count(until=at) == 0  # until is exclusive, as on the page
    assert count(until=(at + timedelta(seconds=1)).astimezone(timezone.get_fixed_timezone(480))) == 1


def test_a_bad_filter_names_the_field(api_as):
    response = api_as("moda", HTTP_ACCEPT_LANGUAGE="en").get("/api/v1/events/?since=yesterday&agency=x")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"since", "agency"}


@pytest.mark.parametrize("role", ["moea", "mof", "officer", "viewer", "auditor", "observer", "nobody"])
def test_a_role_that_cannot_open_the_trail_page_gets_403(api_as, role, registry_events):
    response = api_as(role).get("/api/v1/events/")
    assert (response.status_code, response.json()["code"]) == (403, "permission_denied")


def test_anonymous_gets_401(api_as):
    assert api_as("anonymous").get("/api/v1/events/").status_code == 401
