"""Registry, obligations (evidence submit and review) and drills through the API: the same services and
events as the pages (with channel "api" where the events record one), JSON errors from the services."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from access.models import ReadEvent
from incidents import services as incident_services
from incidents.models import Drill, DrillEvent
from obligations.models import EvidenceSubmission, Obligation, ObligationEvent
from tests.obligations.conftest import PDF
from tests.obligations.helpers import approve_level

pytestmark = pytest.mark.django_db


@pytest.fixture
def tax_open_obligation(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    approve_level(world["tax"], "C", date(2026, 3, 16))
    return Obligation.objects.get(agency=world["tax"], requirement__code="mgmt-security-staff")


def _pdf(name="scan.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_agency_levels_show_the_approved_level(world, users, api_as, tax_open_obligation):
    client = api_as("officer")
    agency = client.get(f"/api/v1/agencies/{world['tax'].pk}/").json()
    levels = client.get(f"/api/v1/agencies/{world['tax'].pk}/levels/").json()["results"]
    assert agency["current_level"] == "C"
    assert [(row["level"], row["status"], row["effective_from"]) for row in levels] == [("C", "approved", "2026-03-16")]
    assert client.get("/api/v1/agencies/?level=C").json()["count"] == 1


def test_evidence_submitted_through_the_api_is_recorded_with_the_api_channel(users, api_as, tax_open_obligation):
    url = f"/api/v1/obligations/{tax_open_obligation.pk}/evidence/"
    response = api_as("officer").post(url, {"files": [_pdf()], "statement": "兩名專責人員"}, format="multipart")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "submitted"
    assert [(f["original_name"], f["size"]) for f in body["submissions"][0]["files"]] == [("scan.pdf", len(PDF))]
    event = ObligationEvent.objects.get(kind="evidence_submitted")
    assert (event.actor, event.channel, event.obligation) == (users["officer"], "api", tax_open_obligation)


def test_a_file_whose_content_is_not_a_document_is_refused_by_the_service(api_as, tax_open_obligation):
    url = f"/api/v1/obligations/{tax_open_obligation.pk}/evidence/"
    response = api_as("officer", HTTP_ACCEPT_LANGUAGE="en").post(
        url, {"files": [_pdf("fake.pdf", b"MZ\x90\x00 not a pdf")]}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json()["fields"]["non_field_errors"] == [
        "“fake.pdf” is not an accepted file: upload PDF, PNG or JPEG files, or Office (docx, xlsx, pptx) or ODF "
        "(odt, ods, odp) documents whose content matches the file name."
    ]
    assert EvidenceSubmission.objects.exists() is False


def test_reviewer_returns_evidence_with_a_reason_and_downloads_are_logged(users, api_as, tax_open_obligation):
    api_as("officer").post(
        f"/api/v1/obligations/{tax_open_obligation.pk}/evidence/", {"files": [_pdf()]}, format="multipart"
    )
    submission = EvidenceSubmission.objects.get()
    reviewer = api_as("mof", HTTP_ACCEPT_LANGUAGE="en")
    missing = reviewer.post(f"/api/v1/evidence-submissions/{submission.pk}/review/", {"accept": False}, format="json")
    assert missing.status_code == 400
    assert missing.json()["fields"] == {"reason": ["Give the reason for returning the evidence."]}
    returned = reviewer.post(
        f"/api/v1/evidence-submissions/{submission.pk}/review/", {"accept": False, "reason": "缺簽名"}, format="json"
    )
    assert (returned.status_code, returned.json()["review"], returned.json()["reviewed_by"]) == (200, "returned", "mof")
    assert ObligationEvent.objects.get(kind="evidence_returned").channel == "api"
    file_id = returned.json()["files"][0]["id"]
    download = reviewer.get(f"/api/v1/evidence-files/{file_id}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert ReadEvent.objects.filter(action="download", object_type="evidence_file", user=users["mof"]).count() == 1


def test_pending_queue_filter(users, api_as, tax_open_obligation):
    api_as("officer").post(
        f"/api/v1/obligations/{tax_open_obligation.pk}/evidence/", {"files": [_pdf()]}, format="multipart"
    )
    client = api_as("mof")
    assert client.get("/api/v1/evidence-submissions/?review=pending").json()["count"] == 1
    assert client.get("/api/v1/evidence-submissions/?review=accepted").json()["count"] == 0


def test_rule_set_detail_lists_its_requirements_with_citations(api_as):
    client = api_as("viewer")
    rule_set = client.get("/api/v1/rule-sets/?ordering=effective_from").json()["results"][0]
    detail = client.get(f"/api/v1/rule-sets/{rule_set['id']}/").json()
    # the earliest shipped set: the regulations in force from 2019-01-01 (docs/legal-decisions.md, periods section)
    assert rule_set["effective_from"] == "2019-01-01"
    assert len(detail["requirements"]) > 0
    assert all(row["citation"] and row["marker"] in ("[P]", "[S]", "[W]", "[?]") for row in detail["requirements"])


def test_drill_conducted_then_results_through_the_api(world, users, api_as):
    now = timezone.now()
    incident_services.drill_assign_year(agencies=[world["tax"]], year=2026, acting_user=users["moda"], now=now)
    drill = Drill.objects.get(kind="social_engineering", starts_on__month=7)
    client = api_as("officer")
    conducted = client.post(
        f"/api/v1/drills/{drill.pk}/conducted/", {"conducted_on": "2026-11-02", "participants": 300}, format="json"
    )
    assert (conducted.status_code, conducted.json()["conducted_on"]) == (200, "2026-11-02")
    # 1 calendar month after 2026-11-02 (§48): 2026-12-02, end of that day in Taipei
    assert conducted.json()["results_due_at"].startswith("2026-12-02T")
    results = client.post(f"/api/v1/drills/{drill.pk}/results/", {"summary": "12 clicked"}, format="json")
    assert results.status_code == 200
    assert list(DrillEvent.objects.filter(drill=drill).values_list("kind", flat=True)) == [
        "assigned", "conducted", "results_submitted",
    ]  # fmt: skip
