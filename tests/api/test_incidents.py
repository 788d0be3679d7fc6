"""Incidents through the API: filing with the legal clocks (通報及應變辦法 Arts 4-6), idempotent retries,
If-Match on updates, service validation as JSON errors, the workflow steps and their events."""

from datetime import timedelta

import pytest
from django.utils import timezone

from api.models import IdempotencyKey
from incidents.models import Incident, IncidentEvent
from tests.incidents.conftest import file_incident

pytestmark = pytest.mark.django_db


def payload(world, *, aware_at, **overrides):
    body = {
        "agency": world["tax"].pk,
        "title": "API level 2 incident",
        "incident_type": "malware",
        "aware_at": aware_at.isoformat(),
        "description": "Ransomware on a file server.",
        "measures_taken": "Server isolated.",
        "confidentiality": "minor",
        "confidentiality_scope": "core",
    }
    return {**body, **overrides}


def test_filing_a_level2_incident_starts_its_clocks_and_answers_201(world, users, api_as):
    aware_at = (timezone.now() - timedelta(minutes=20)).replace(microsecond=0)
    response = api_as("officer").post("/api/v1/incidents/", payload(world, aware_at=aware_at), format="json")
    assert response.status_code == 201
    body = response.json()
    incident = Incident.objects.get()
    assert response["Location"] == f"/api/v1/incidents/{incident.pk}/"
    assert response["ETag"] == f'"{body["version"]}"'
    assert (body["status"], body["level"], body["proposed_level"]) == ("reported", 2, 2)
    clocks = {clock["kind"]: clock for clock in body["clocks"]}
    # Art 4: notify within 1 h (met by this filing); Art 6: recover within 72 h for levels 1-2;
    # Art 5: the superior agency reviews within 8 h of receipt (levels 1-2).
    assert clocks["notify"]["due_at"] == timezone.localtime(aware_at + timedelta(hours=1)).isoformat()
    assert clocks["notify"]["state"] == "met"
    assert clocks["recover"]["due_at"] == timezone.localtime(aware_at + timedelta(hours=72)).isoformat()
    reported_at = incident.reported_at
    assert clocks["review"]["due_at"] == timezone.localtime(reported_at + timedelta(hours=8)).isoformat()
    assert clocks["recover"]["due_at"].endswith("+08:00")


def test_filing_writes_the_same_events_as_the_page(world, users, api_as):
    aware_at = timezone.now() - timedelta(minutes=20)
    api_as("officer").post("/api/v1/incidents/", payload(world, aware_at=aware_at), format="json")
    incident = Incident.objects.get()
    events = list(IncidentEvent.objects.filter(incident=incident).values_list("kind", "actor__username"))
    assert events == [("drafted", "officer"), ("reported", "officer")]


def test_a_retry_with_the_same_idempotency_key_files_once(world, users, api_as):
    client = api_as("officer", HTTP_IDEMPOTENCY_KEY="3f1c-retry-after-timeout")
    body = payload(world, aware_at=timezone.now() - timedelta(minutes=20))
    first = client.post("/api/v1/incidents/", body, format="json")
    second = client.post("/api/v1/incidents/", body, format="json")
    assert (first.status_code, second.status_code) == (201, 200)
    assert second["Idempotent-Replayed"] == "true"
    assert second.json()["id"] == first.json()["id"]
    assert Incident.objects.count() == 1
    assert IncidentEvent.objects.filter(kind="reported").count() == 1


def test_the_same_key_with_another_body_is_refused(world, users, api_as):
    client = api_as("officer", HTTP_IDEMPOTENCY_KEY="key-1")
    aware_at = timezone.now() - timedelta(minutes=20)
    client.post("/api/v1/incidents/", payload(world, aware_at=aware_at), format="json")
    response = client.post("/api/v1/incidents/", payload(world, aware_at=aware_at, title="Other"), format="json")
    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"
    assert Incident.objects.count() == 1


def test_a_failed_filing_keeps_no_key_so_the_corrected_retry_files(world, users, api_as):
    client = api_as("officer", HTTP_IDEMPOTENCY_KEY="key-2")
    aware_at = timezone.now() - timedelta(minutes=20)
    bad = client.post("/api/v1/incidents/", payload(world, aware_at=aware_at, level=4), format="json")
    assert bad.status_code == 400
    assert IdempotencyKey.objects.exists() is False
    good = client.post(
        "/api/v1/incidents/", payload(world, aware_at=aware_at, level=4, level_reason="CI affected"), format="json"
    )
    assert good.status_code == 201
    assert good.json()["level"] == 4


def test_service_validation_is_a_json_error_naming_the_field_in_the_requested_language(world, users, api_as):
    body = payload(world, aware_at=timezone.now() - timedelta(minutes=20), level=4)
    english = api_as("officer", HTTP_ACCEPT_LANGUAGE="en").post("/api/v1/incidents/", body, format="json")
    chinese = api_as("officer", HTTP_ACCEPT_LANGUAGE="zh-TW").post("/api/v1/incidents/", body, format="json")
    assert english.status_code == chinese.status_code == 400
    assert english.json() == {
        "code": "validation_error",
        "message": "The request has invalid fields: see the details.",
        "fields": {"level_reason": ["You chose a level other than the proposed one: give the reason."]},
    }
    assert chinese.json()["fields"]["level_reason"] == ["您選擇的等級與建議等級不同：請填寫理由。"]
    assert chinese.json()["message"] == "請求中有欄位不正確：請見各欄位說明。"
    assert Incident.objects.exists() is False


def test_filing_for_an_agency_outside_the_scope_is_404_and_writes_nothing(world, users, api_as):
    body = payload(world, aware_at=timezone.now() - timedelta(minutes=20), agency=world["school"].pk)
    response = api_as("officer").post("/api/v1/incidents/", body, format="json")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert Incident.objects.exists() is False


def test_a_read_token_cannot_file(world, users, api_as):
    body = payload(world, aware_at=timezone.now() - timedelta(minutes=20))
    response = api_as("officer", scope="read").post("/api/v1/incidents/", body, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert Incident.objects.exists() is False


@pytest.fixture
def reported(world, users):
    return file_incident(world["tax"], users["officer"], level=1, aware_at=timezone.now() - timedelta(hours=1))


UPDATE = {"description": "Scope grew.", "measures_taken": "Backups restored.", "level": 1}


def test_update_needs_if_match(reported, api_as):
    response = api_as("officer").patch(f"/api/v1/incidents/{reported.pk}/", UPDATE, format="json")
    assert response.status_code == 428
    assert response.json()["code"] == "precondition_required"
    reported.refresh_from_db()
    assert reported.description == "Web server defaced."


def test_two_clients_cannot_silently_overwrite_each_other(reported, api_as):
    client = api_as("officer")
    etag = client.get(f"/api/v1/incidents/{reported.pk}/")["ETag"]
    first = client.patch(f"/api/v1/incidents/{reported.pk}/", UPDATE, format="json", HTTP_IF_MATCH=etag)
    stale = client.patch(
        f"/api/v1/incidents/{reported.pk}/", {**UPDATE, "description": "Older view."}, format="json", HTTP_IF_MATCH=etag
    )
    assert first.status_code == 200
    assert first["ETag"] != etag
    assert stale.status_code == 412
    assert stale.json()["code"] == "precondition_failed"
    reported.refresh_from_db()
    assert reported.description == "Scope grew."
    assert IncidentEvent.objects.filter(incident=reported, kind="renotified").count() == 1


def test_the_workflow_review_forward_recover_report(world, users, api_as, reported):
    url = f"/api/v1/incidents/{reported.pk}"
    review = api_as("mof").post(f"{url}/review/", {"level": 1, "note": "", "forward": True}, format="json")
    assert review.status_code == 200
    assert (review.json()["status"], review.json()["forwarded_at"] is not None) == ("forwarded", True)
    recovered_at = timezone.now().replace(microsecond=0)
    recover = api_as("officer").post(f"{url}/recover/", {"recovered_at": recovered_at.isoformat()}, format="json")
    assert recover.status_code == 200
    assert recover.json()["status"] == "recovered"
    assert "report" in {clock["kind"] for clock in recover.json()["clocks"]}
    contents = dict.fromkeys(
        ["timeline", "impact", "recovery_course", "investigation_course", "root_cause", "prevention", "schedule"], "x"
    )
    report = api_as("officer").post(f"{url}/report/", contents, format="json")
    assert report.status_code == 200
    assert report.json()["status"] == "report_submitted"
    kinds = list(IncidentEvent.objects.filter(incident=reported).values_list("kind", flat=True))
    assert kinds == ["drafted", "reported", "level_confirmed", "forwarded", "recovered", "report_submitted"]


def test_a_step_the_state_machine_refuses_is_a_400_with_the_service_message(reported, api_as):
    # (recovery may be recorded before the review, 通報及應變辦法 Art 6 I: deciding a report not yet submitted
    # is a step the state machine refuses)
    response = api_as("mof", HTTP_ACCEPT_LANGUAGE="en").post(
        f"/api/v1/incidents/{reported.pk}/report-decision/", {"accept": True}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["fields"]["non_field_errors"] == [
        "An incident that is “Reported” cannot become “Report accepted”."
    ]


def test_list_filters_and_orders(world, users, api_as):
    now = timezone.now()
    file_incident(world["tax"], users["officer"], level=1, aware_at=now - timedelta(hours=3))
    file_incident(world["tax"], users["officer"], level=3, aware_at=now - timedelta(hours=2))
    client = api_as("officer")
    assert [row["level"] for row in client.get("/api/v1/incidents/?level=3").json()["results"]] == [3]
    ordered = client.get("/api/v1/incidents/?ordering=aware_at").json()["results"]
    assert [row["level"] for row in ordered] == [1, 3]
    assert client.get("/api/v1/incidents/?level=9").status_code == 400


def test_the_time_filters_take_any_valid_offset_and_refuse_dates_out_of_range(world, users, api_as):
    """2026-03-02 19:06+19:06 is 2026-03-02 00:00 UTC: a valid ISO 8601 instant that PostgreSQL would refuse
    as written (offsets beyond ±15:59), so the filter passes it on in UTC; year 41 is outside 民國元年…2100."""
    from datetime import UTC, datetime

    file_incident(world["tax"], users["officer"], level=1, aware_at=datetime(2026, 3, 1, 23, 0, tzinfo=UTC))
    file_incident(world["tax"], users["officer"], level=1, aware_at=datetime(2026, 3, 2, 1, 0, tzinfo=UTC))
    client = api_as("officer", scope="read")
    response = client.get("/api/v1/incidents/", {"aware_before": "2026-03-02T19:06:00+19:06"})
    assert response.status_code == 200
    assert [row["aware_at"] for row in response.json()["results"]] == ["2026-03-02T07:00:00+08:00"]
    refused = client.get("/api/v1/incidents/", {"aware_before": "0041-08-31T17:18:41+19:06"})
    assert refused.status_code == 400
    assert list(refused.json()["fields"]) == ["aware_before"]
