"""The migrations that put the older event tables on common.models.EventRecord (issue 10) keep every row and
every value: rows written in the old schema read back the same after migrating forward, with the new columns
empty (before/after) or filled as the migration says (channel of incident and drill events)."""

from datetime import UTC, date, datetime

import pytest

from tests.incidents.conftest import file_incident

OLD = [
    ("access", "0003_mfa_device_kinds"),
    ("api", "0001_api_tokens_and_idempotency_keys"),
    ("incidents", "0010_art2_assessed_per_dimension"),
    ("infrastructure", "0010_route_open_level_decisions"),
    ("obligations", "0007_ruleset_published_by_label"),
    ("reports", "0001_documents_generated_reports_batches_events"),
]
# Each moved table and the columns it had before the move (all of them, subjects included).
TABLES = {
    ("infrastructure", "AgencyEvent"): (
        "id", "agency_id", "kind", "actor_id", "channel", "occurred_at", "data", "ip_address", "registry_import_id",
    ),
    ("access", "AccessEvent"): (
        "id", "kind", "occurred_at", "actor_id", "subject_user_id", "role", "agency_id", "ip_address", "channel",
        "data",
    ),
    ("obligations", "ObligationEvent"): (
        "id", "kind", "agency_id", "obligation_id", "submission_id", "filing_id", "rule_set_id", "actor_id",
        "channel", "occurred_at", "data", "ip_address",
    ),
    ("incidents", "IncidentEvent"): (
        "id", "incident_id", "kind", "occurred_at", "actor_id", "status_before", "status_after", "data", "ip_address",
    ),
    ("incidents", "DrillEvent"): ("id", "drill_id", "kind", "occurred_at", "actor_id", "data", "ip_address"),
    ("reports", "ReportEvent"): (
        "id", "kind", "report_id", "batch_id", "actor_id", "channel", "occurred_at", "data", "ip_address",
    ),
    ("api", "ApiTokenEvent"): ("id", "token_id", "kind", "occurred_at", "actor_id", "ip_address", "data"),
}  # fmt: skip
AT = datetime(2026, 3, 2, 1, 30, 15, 123456, tzinfo=UTC)
DATA = {"level": "B", "說明": "資通安全事件", "items": [1, 2], "nested": {"on": "2026-03-02"}}


def _old_rows(apps, world, users) -> None:
    """One row per old table, written with the old (historical) models: every column set."""
    agency, officer, staff = world["tax"], users["officer"], users["moda"]
    Drill = apps.get_model("incidents", "Drill")
    drill = Drill.objects.create(
        agency_id=agency.pk, kind="social_engineering", starts_on=date(2026, 1, 1), ends_on=date(2026, 6, 30)
    )
    token = apps.get_model("api", "ApiToken").objects.create(
        user_id=officer.pk, name="t", prefix="csma_ab", token_hash="0" * 64, scope="read", expires_at=AT
    )
    incident_id = apps.get_model("incidents", "Incident").objects.get().pk
    common = {"occurred_at": AT, "data": DATA, "ip_address": "203.0.113.7"}
    get = apps.get_model
    get("infrastructure", "AgencyEvent").objects.create(
        agency_id=agency.pk, kind="level_approved", actor_id=staff.pk, channel="import", **common
    )
    get("access", "AccessEvent").objects.create(
        kind="granted", actor_id=staff.pk, subject_user_id=officer.pk, role="security_officer",
        agency_id=agency.pk, channel="web", **common,
    )  # fmt: skip
    get("obligations", "ObligationEvent").objects.create(
        kind="evidence_submitted", agency_id=agency.pk, actor_id=officer.pk, channel="api", **common
    )
    get("incidents", "IncidentEvent").objects.create(
        incident_id=incident_id, kind="level_changed", actor_id=staff.pk, status_before="reported",
        status_after="under_review", **common,
    )  # fmt: skip
    get("incidents", "IncidentEvent").objects.create(
        incident_id=incident_id, kind="alerted", actor_id=None, status_before="reported", status_after="reported",
        **common,
    )  # fmt: skip
    get("incidents", "DrillEvent").objects.create(drill_id=drill.pk, kind="assigned", actor_id=None, **common)
    get("incidents", "DrillEvent").objects.create(drill_id=drill.pk, kind="conducted", actor_id=officer.pk, **common)
    get("reports", "ReportEvent").objects.create(kind="batch_started", actor_id=staff.pk, channel="cli", **common)
    get("api", "ApiTokenEvent").objects.create(token_id=token.pk, kind="created", actor_id=officer.pk, **common)


def _snapshot(apps) -> dict:
    return {key: list(apps.get_model(*key).objects.order_by("pk").values(*columns)) for key, columns in TABLES.items()}


INSERTED = {  # rows _old_rows writes in the old schema, per table
    ("infrastructure", "AgencyEvent"): 1,
    ("access", "AccessEvent"): 1,
    ("obligations", "ObligationEvent"): 1,
    ("incidents", "IncidentEvent"): 2,
    ("incidents", "DrillEvent"): 2,
    ("reports", "ReportEvent"): 1,
    ("api", "ApiTokenEvent"): 1,
}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_event_row_and_value_survives_the_move_onto_event_record(world, users, migrator):
    from django.apps import apps as current

    file_incident(world["tax"], users["officer"])  # an incident and its events, and the users' grant events
    existing = {key: current.get_model(*key).objects.count() for key in TABLES}
    old_apps = migrator.to(OLD)
    _old_rows(old_apps, world, users)
    before = _snapshot(old_apps)
    assert {key: len(rows) for key, rows in before.items()} == {key: existing[key] + INSERTED[key] for key in TABLES}
    assert before[("incidents", "IncidentEvent")][-1] == {
        "id": before[("incidents", "IncidentEvent")][-1]["id"], "incident_id": before[("incidents", "IncidentEvent")][-1]["incident_id"],
        "kind": "alerted", "occurred_at": AT, "actor_id": None, "status_before": "reported",
        "status_after": "reported", "data": DATA, "ip_address": "203.0.113.7",
    }  # fmt: skip

    new_apps = migrator.latest()

    assert _snapshot(new_apps) == before
    for key, rows in before.items():
        assert list(new_apps.get_model(*key).objects.values_list("before", "after")) == [({}, {})] * len(rows), key
    officer, staff = users["officer"].pk, users["moda"].pk
    drill_channels = list(
        new_apps.get_model("incidents", "DrillEvent").objects.order_by("pk").values_list("actor_id", "channel")
    )
    assert drill_channels == [(None, "system"), (officer, "web")]
    incident_channels = list(
        new_apps.get_model("incidents", "IncidentEvent").objects.order_by("pk").values_list("actor_id", "channel")
    )
    filed = [(officer, "web")] * existing[("incidents", "IncidentEvent")]  # the officer's filing, through the pages
    assert incident_channels == filed + [(staff, "web"), (None, "system")]
    assert new_apps.get_model("api", "ApiTokenEvent").objects.get().channel == "web"
