"""A conflict found on the locked row (someone else acted meanwhile, common/conflicts.py) answers 409 with
the code ``conflict`` and the service's message; a step the state machine refuses for another reason stays
a 400 (tests/api/test_incidents.py). The two-connection races themselves: tests/test_races.py."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from incidents.models import IncidentEvent
from obligations.models import EvidenceSubmission, Obligation, ObligationEvent
from tests.incidents.conftest import file_incident
from tests.obligations.helpers import approve_level

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n%test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def submitted_evidence(world, users, settings, tmp_path) -> EvidenceSubmission:
    from obligations import services

    settings.MEDIA_ROOT = tmp_path
    approve_level(world["tax"], "C", date(2026, 3, 16))
    obligation = Obligation.objects.get(agency=world["tax"], requirement__code="mgmt-security-staff")
    upload = SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf")
    return services.evidence_submit(
        now=timezone.now(), obligation=obligation, uploads=[upload], acting_user=users["officer"]
    )


def test_a_second_review_of_the_same_evidence_is_a_409_conflict_with_the_message(submitted_evidence, api_as):
    url = f"/api/v1/evidence-submissions/{submitted_evidence.pk}/review/"
    first = api_as("mof").post(url, {"accept": True}, format="json")
    second = api_as("moda", HTTP_ACCEPT_LANGUAGE="en").post(url, {"accept": False, "reason": "缺簽名"}, format="json")
    assert first.status_code == 200
    assert second.status_code == 409
    message = "This submission has already been reviewed (perhaps by someone else just now): reload the page."
    assert second.json() == {"code": "conflict", "message": message, "fields": {"non_field_errors": [message]}}
    submitted_evidence.refresh_from_db()
    assert (submitted_evidence.review, submitted_evidence.reviewed_by.username) == ("accepted", "mof")
    assert ObligationEvent.objects.filter(kind__in=("evidence_accepted", "evidence_returned")).count() == 1


def test_a_repeated_incident_step_is_a_409_in_chinese_by_default(world, users, api_as):
    now = timezone.now().replace(microsecond=0)
    incident = file_incident(world["tax"], users["officer"], level=1, aware_at=now - timedelta(hours=2))
    url = f"/api/v1/incidents/{incident.pk}/recover/"
    first = api_as("officer").post(url, {"recovered_at": now.isoformat()}, format="json")
    again = api_as("officer").post(url, {"recovered_at": now.isoformat()}, format="json")
    assert first.status_code == 200
    assert again.status_code == 409
    assert again.json()["code"] == "conflict"
    assert again.json()["message"] == "此事件已是「已完成損害控制或復原」（可能剛由他人完成），請重新載入頁面。"
    assert IncidentEvent.objects.filter(incident=incident, kind="recovered").count() == 1
