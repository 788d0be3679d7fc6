"""Every role × every report page and download: competent authority all; sector regulator its sectors
(and the scorecards of its agencies); superior agency its subtree; agency officer its own scorecard and
incident PDFs; auditor, observer and users without a role nothing. Outside the scope → 404. Denied
actions write no report, no event."""

import pytest
from django.urls import reverse

from infrastructure.models import Sector
from reports import services
from reports.models import GeneratedReport, ReportBatch, ReportEvent
from reports.services.batches import sector_subject_params
from reports.subjects import sector_subject
from tests.conftest import otp_verify
from tests.reports.documents_fixtures import NOW, level3_tax_incident_reported_20min_after_awareness, private_media  # noqa: F401

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "admin", "moda", "moea", "mof", "officer", "viewer", "auditor", "observer", "nobody"]


def expect(*allowed: str) -> dict[str, str]:
    row = {role: ("ok" if role in allowed else "404") for role in ROLES}
    row["anonymous"] = "login"
    return row


CA = ("admin", "moda")
EXPECTED = {
    "sector-energy": expect(*CA, "moea"),
    "sector-public": expect(*CA),
    "national": expect(*CA),
    "subtree-finance": expect(*CA, "mof"),
    "scorecard-tax": expect(*CA, "mof", "officer"),
    "scorecard-power": expect(*CA, "moea"),
    "incident-tax": expect(*CA, "mof", "officer"),
}


@pytest.fixture
def reports(world, users, level3_tax_incident_reported_20min_after_awareness):  # noqa: F811
    energy = Sector.objects.get(code="energy")
    world["power"].sectors.add(energy)
    incident = level3_tax_incident_reported_20min_after_awareness
    moda = users["moda"]

    def agency_subject(kind, agency):
        return {
            "kind": kind,
            "subject_key": f"{kind}:{agency.pk}",
            "subject": agency.name,
            "year": 2026,
            "language": "zh-hant",
            "agency": agency,
            "params": {},
        }

    subjects = {
        "sector-energy": sector_subject_params(
            subject=sector_subject("energy"), year=2026, language="zh-hant", issuer=""
        ),
        "sector-public": sector_subject_params(
            subject=sector_subject("public-agencies"), year=2026, language="zh-hant", issuer=""
        ),
        "national": {
            "kind": "national",
            "subject_key": "national",
            "subject": "全國",
            "year": 2026,
            "language": "zh-hant",
            "params": {},
        },
        "subtree-finance": agency_subject("subtree", world["finance"]),
        "scorecard-tax": agency_subject("scorecard", world["tax"]),
        "scorecard-power": agency_subject("scorecard", world["power"]),
        "incident-tax": {
            "kind": "incident",
            "subject_key": f"incident:{incident.pk}",
            "subject": incident.title,
            "year": 2026,
            "language": "zh-hant",
            "incident": incident,
            "params": {},
        },
    }
    return {name: services.report_generate(acting_user=moda, now=NOW, **subject) for name, subject in subjects.items()}


def client_for(client, users, role):
    if role != "anonymous":
        otp_verify(client, users[role])
    return client


def outcome(response) -> str:
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return {200: "ok", 404: "404", 403: "403"}.get(response.status_code, str(response.status_code))


@pytest.mark.parametrize("role", ROLES)
def test_report_page_and_download(client, users, reports, role):
    """One role against every report (pages and downloads), so the reports are generated once per role."""
    client = client_for(client, users, role)
    found = {}
    for name, report in reports.items():
        downloads_before = ReportEvent.objects.filter(kind=ReportEvent.Kind.DOWNLOADED).count()
        page = client.get(reverse("reports:detail", args=[report.pk]))
        download = client.get(reverse("reports:download", args=[report.pk]))
        logged = ReportEvent.objects.filter(kind=ReportEvent.Kind.DOWNLOADED).count() - downloads_before
        found[name] = (outcome(page), outcome(download), logged)
        if outcome(download) == "ok":
            assert b"".join(download.streaming_content).startswith(b"%PDF-")
    expected = {name: (row[role], row[role], 1 if row[role] == "ok" else 0) for name, row in EXPECTED.items()}
    assert found == expected
    listing = client.get(reverse("reports:list"))
    if role == "anonymous":
        assert outcome(listing) == "login"
    else:  # the list shows exactly the reports in scope
        shown = {name for name, report in reports.items() if report.number in listing.content.decode()}
        assert shown == {name for name, row in EXPECTED.items() if row[role] == "ok"}


SECTOR_GENERATE = expect(*CA, "moea")


@pytest.mark.parametrize("role", ROLES)
def test_generate_a_sector_draft(client, users, world, role):
    world["power"].sectors.add(Sector.objects.get(code="energy"))
    response = client_for(client, users, role).post(
        reverse("reports:generate", args=["sector"]),
        {"sector-sector": "energy", "sector-year": "2026", "sector-language": "zh-hant"},
    )
    expected = SECTOR_GENERATE[role]
    if expected == "ok":
        draft = GeneratedReport.objects.get(subject_key="sector:energy")
        assert response.status_code == 302 and response["Location"] == reverse("reports:detail", args=[draft.pk])
    else:
        assert outcome(response) == expected
        assert GeneratedReport.objects.exists() is False and ReportEvent.objects.exists() is False


@pytest.mark.parametrize("role", ROLES)
def test_export_all_sectors(client, users, world, role, django_capture_on_commit_callbacks):
    world["power"].sectors.add(Sector.objects.get(code="energy"))
    with django_capture_on_commit_callbacks(execute=False):
        response = client_for(client, users, role).post(
            reverse("reports:batch_start"), {"batch-year": "2026", "batch-language": "zh-hant"}
        )
    expected = SECTOR_GENERATE[role]
    if expected == "ok":
        batch = ReportBatch.objects.get()
        assert response["Location"] == reverse("reports:batch", args=[batch.pk])
        keys = set(batch.items.values_list("sector_key", flat=True))
        assert keys == ({"energy"} if role == "moea" else {s for s in keys})
        progress = client.get(reverse("reports:batch_progress", args=[batch.pk])).json()
        assert (progress["total"], progress["finished"], progress["status"]) == (len(keys), 0, "running")
    else:
        assert outcome(response) == expected
        assert ReportBatch.objects.exists() is False


@pytest.mark.parametrize("role", ROLES[1:])
def test_verify_page_is_open_to_every_signed_in_user(client, users, role):
    assert client_for(client, users, role).get(reverse("reports:verify")).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_incident_pdf_from_the_incident_page(
    client,
    users,
    world,
    role,
    level3_tax_incident_reported_20min_after_awareness,  # noqa: F811
):
    incident = level3_tax_incident_reported_20min_after_awareness
    response = client_for(client, users, role).post(reverse("reports:incident_pdf", args=[incident.pk]))
    expected = EXPECTED["incident-tax"][role]
    if expected == "ok":
        report = GeneratedReport.objects.get(kind="incident")
        assert response["Location"] == reverse("reports:download", args=[report.pk])
        assert client.get(response["Location"]).status_code == 200
    else:
        assert outcome(response) == expected
        assert GeneratedReport.objects.exists() is False
