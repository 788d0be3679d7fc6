"""Reports through the API: the kinds and scope of the report pages (reports.documents_access), the same
services and ReportEvent rows (channel "api"), the download logged as the page's (ReportEvent + access
trail), and the all-sector export run by the same Celery task per sector (eager in tests, as in
tests/reports/) with its progress polled."""

import hashlib
import io
import zipfile

import pytest
from django.utils import timezone

from access.models import ReadEvent
from infrastructure.models import Sector
from reports.models import GeneratedReport, ReportBatch, ReportEvent

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def sectors(world):
    """台電 in the first sector: 經濟部 (its regulator) summarises that sector, and only that one."""
    first, second = Sector.objects.filter(is_active=True).order_by("sort_order", "code")[:2]
    world["power"].sectors.add(first)
    return first.code, second.code


def _events(**filters):
    return list(ReportEvent.objects.filter(**filters).order_by("id").values_list("kind", "channel", "actor__username"))


def test_an_officer_requests_the_scorecard_of_its_agency_and_downloads_it(world, users, api_as):
    client = api_as("officer")
    body = {"kind": "scorecard", "year": YEAR, "language": "zh-hant", "agency": world["tax"].pk}
    response = client.post("/api/v1/reports/", body, format="json")
    assert response.status_code == 201
    report = GeneratedReport.objects.get()
    found = response.json()
    assert (found["id"], found["kind"], found["status"], found["agency"], found["downloadable"]) == (
        report.pk, "scorecard", "issued", world["tax"].pk, True,
    )  # fmt: skip
    assert (found["number"], found["sha256"]) == (report.number, report.sha256)
    assert response["Location"] == f"/api/v1/reports/{report.pk}/"
    assert _events(report=report) == [("draft_created", "api", "officer"), ("issued", "api", "officer")]
    assert client.get(f"/api/v1/reports/{report.pk}/").json()["status"] == "issued"
    assert [r["id"] for r in client.get("/api/v1/reports/").json()["results"]] == [report.pk]
    assert [client.get(f"/api/v1/reports/?kind={kind}").json()["count"] for kind in ("scorecard", "sector")] == [1, 0]

    download = client.get(f"/api/v1/reports/{report.pk}/download/")
    assert (download.status_code, download["Content-Type"]) == (200, "application/pdf")
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF") and hashlib.sha256(content).hexdigest() == report.sha256
    assert _events(report=report, kind="downloaded") == [("downloaded", "api", "officer")]
    trail = ReadEvent.objects.get(action=ReadEvent.Action.DOWNLOAD, object_type="report", object_id=report.pk)
    assert (trail.user, trail.data) == (users["officer"], {"sha256": report.sha256, "channel": "api"})


def test_requests_outside_what_the_page_offers(world, users, api_as):
    officer = api_as("officer")
    assert officer.post("/api/v1/reports/", {"kind": "national", "year": YEAR}, format="json").status_code == 403
    other = {"kind": "scorecard", "year": YEAR, "agency": world["power"].pk}
    assert officer.post("/api/v1/reports/", other, format="json").status_code == 404  # another agency
    subtree = {"kind": "subtree", "year": YEAR, "agency": world["tax"].pk}
    assert officer.post("/api/v1/reports/", subtree, format="json").status_code == 403  # not a superior agency
    old = officer.post(
        "/api/v1/reports/", {"kind": "scorecard", "year": 1990, "agency": world["tax"].pk}, format="json"
    )
    assert (old.status_code, list(old.json()["fields"])) == (400, ["year"])
    no_agency = officer.post("/api/v1/reports/", {"kind": "scorecard", "year": YEAR}, format="json")
    assert (no_agency.status_code, list(no_agency.json()["fields"])) == (400, ["agency"])
    assert GeneratedReport.objects.count() == 0 and ReportEvent.objects.count() == 0


def test_a_sector_summary_opens_as_a_draft_which_has_nothing_to_download_yet(api_as, sectors):
    client = api_as("moea")
    response = client.post("/api/v1/reports/", {"kind": "sector", "year": YEAR, "sector": sectors[0]}, format="json")
    assert response.status_code == 201, response.json()
    report = GeneratedReport.objects.get()
    assert (response.json()["status"], response.json()["downloadable"], report.subject_key) == (
        "draft", False, f"sector:{sectors[0]}",
    )  # fmt: skip
    assert _events(report=report) == [("draft_created", "api", "moea")]
    assert client.get(f"/api/v1/reports/{report.pk}/download/").status_code == 404
    assert api_as("officer").get(f"/api/v1/reports/{report.pk}/").status_code == 404
    wrong = client.post("/api/v1/reports/", {"kind": "sector", "year": YEAR, "sector": sectors[1]}, format="json")
    assert (wrong.status_code, list(wrong.json()["fields"])) == (400, ["sector"])


def test_the_issuing_authority_issues_the_draft_through_the_api_and_downloads_it(api_as, sectors):
    client = api_as("moea")
    draft = client.post("/api/v1/reports/", {"kind": "sector", "year": YEAR, "sector": sectors[0]}, format="json")
    report_id = draft.json()["id"]
    assert api_as("mof").post(f"/api/v1/reports/{report_id}/issue/").status_code == 404  # not its report to see
    issued = client.post(f"/api/v1/reports/{report_id}/issue/")
    assert issued.status_code == 200, issued.json()
    report = GeneratedReport.objects.get(pk=report_id)
    assert (issued.json()["status"], issued.json()["downloadable"], issued.json()["number"]) == (
        "issued", True, report.number,
    )  # fmt: skip
    assert report.number and len(report.sha256) == 64
    assert _events(report=report) == [("draft_created", "api", "moea"), ("issued", "api", "moea")]
    again = client.post(f"/api/v1/reports/{report_id}/issue/")  # issued reports are immutable
    assert again.status_code == 400 and GeneratedReport.objects.filter(status="issued").count() == 1
    pdf = client.get(f"/api/v1/reports/{report_id}/download/")
    assert pdf.status_code == 200 and hashlib.sha256(b"".join(pdf.streaming_content)).hexdigest() == report.sha256


def test_the_export_of_every_sector_runs_its_tasks_and_reports_progress(
    users, api_as, sectors, django_capture_on_commit_callbacks
):
    client = api_as("moea")
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post("/api/v1/report-batches/", {"year": YEAR, "language": "zh-hant"}, format="json")
    assert response.status_code == 201
    batch = ReportBatch.objects.get()
    started = response.json()
    assert (started["id"], started["status"], started["total"], started["finished"], started["percent"]) == (
        batch.pk, "running", 1, 0, 0,
    )  # fmt: skip
    assert [(i["sector_key"], i["status"]) for i in started["items"]] == [(sectors[0], "pending")]
    again = client.post("/api/v1/report-batches/", {"year": YEAR, "language": "zh-hant"}, format="json")
    assert (again.status_code, again.json()["id"]) == (200, batch.pk)
    assert len(queued) == 1
    for callback in queued:  # the Celery task (eager), as the worker would run it
        callback()
    done = client.get(f"/api/v1/report-batches/{batch.pk}/").json()
    assert (done["status"], done["finished"], done["percent"], done["downloadable"]) == ("done", 1, 100, True)
    assert _events(batch=batch, kind="batch_started") == [("batch_started", "api", "moea")]

    download = client.get(f"/api/v1/report-batches/{batch.pk}/download/")
    assert (download.status_code, download["Content-Type"]) == (200, "application/zip")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    report = GeneratedReport.objects.get(kind="sector")
    assert sorted(archive.namelist()) == sorted([f"{report.number}-{sectors[0]}.pdf", "SHA256SUMS.txt"])
    assert _events(batch=batch, kind="zip_downloaded") == [("zip_downloaded", "api", "moea")]
    assert ReadEvent.objects.filter(object_type="report_batch", object_id=batch.pk).count() == 1
    assert api_as("officer").post("/api/v1/report-batches/", {"year": YEAR}, format="json").status_code == 403
    assert api_as("officer").get(f"/api/v1/report-batches/{batch.pk}/").status_code == 404
