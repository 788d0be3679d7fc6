"""Issuing, immutability, corrections, verification, re-rendering and the event trail."""

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from reports import services
from reports.models import GeneratedReport, ReportEvent
from reports.services.batches import sector_subject_params
from reports.subjects import sector_subject
from tests.reports.documents_fixtures import NOW, level3_tax_incident_reported_20min_after_awareness, private_media  # noqa: F401

pytestmark = pytest.mark.django_db


def government_draft(user, **kw):
    subject = sector_subject_params(
        subject=sector_subject("public-agencies"), year=2026, language="zh-hant", issuer="數位發展部資通安全署"
    )
    return services.report_draft_open(acting_user=user, now=NOW, **subject, **kw)


@pytest.fixture
def issued_government_report(world, users):
    draft = government_draft(users["moda"])
    services.report_draft_save(
        report=draft,
        observations="整體良好。",
        recommendations="加強演練。",
        agency_notes=[{"agency_id": world["tax"].pk, "text": "請改善。"}],
        acting_user=users["moda"],
        now=timezone.now(),
    )
    return services.report_issue(report=draft, acting_user=users["moda"], now=NOW)


def test_issue_stores_the_file_its_hash_size_snapshot_and_an_event(issued_government_report, users):
    report = GeneratedReport.objects.get(pk=issued_government_report.pk)
    content = report.file.open("rb").read()
    assert content.startswith(b"%PDF-")
    assert report.sha256 == hashlib.sha256(content).hexdigest() and report.size == len(content)
    assert report.number == f"CSMA-115-S-{report.pk:06d}"
    assert report.snapshot["header"]["number"] == report.number
    assert report.snapshot["observations"]["agency_notes"] == [{"agency": "財政部臺北國稅局", "text": "請改善。"}]
    event = ReportEvent.objects.get(report=report, kind=ReportEvent.Kind.ISSUED)
    assert event.actor == users["moda"] and event.data["sha256"] == report.sha256


def test_re_rendering_the_stored_snapshot_gives_identical_bytes(issued_government_report):
    assert services.report_rerender_matches(report=issued_government_report) is True


def test_an_issued_report_is_immutable(issued_government_report, users):
    with pytest.raises(ValidationError) as error:
        services.report_draft_save(
            report=issued_government_report,
            observations="改",
            recommendations="",
            agency_notes=[],
            acting_user=users["moda"],
            now=timezone.now(),
        )
    assert error.value.messages == [services.documents.ALREADY_ISSUED]
    with pytest.raises(ValidationError):
        services.report_issue(report=issued_government_report, acting_user=users["moda"], now=NOW)
    assert GeneratedReport.objects.get(pk=issued_government_report.pk).observations == "整體良好。"
    with pytest.raises(ValidationError):
        government_draft(users["moda"])  # a new draft only through a correction


def test_a_correction_is_a_new_version_with_its_reason_and_both_stay(issued_government_report, users):
    with pytest.raises(ValidationError):
        services.report_correct(report=issued_government_report, reason="  ", acting_user=users["moda"], now=NOW)
    draft = services.report_correct(
        report=issued_government_report, reason="財政部資料誤植", acting_user=users["moda"], now=NOW
    )
    assert (draft.version, draft.supersedes, draft.observations) == (2, issued_government_report, "整體良好。")
    corrected = services.report_issue(report=draft, acting_user=users["moda"], now=NOW + timedelta(days=1))
    assert corrected.snapshot["header"]["correction_reason"] == "財政部資料誤植"
    assert corrected.snapshot["header"]["supersedes_number"] == issued_government_report.number
    assert list(
        GeneratedReport.objects.filter(subject_key="sector:public-agencies")
        .order_by("version")
        .values_list("version", "status")
    ) == [(1, "issued"), (2, "issued")]
    with pytest.raises(ValidationError) as error:
        services.report_correct(report=issued_government_report, reason="again", acting_user=users["moda"], now=NOW)
    assert error.value.messages == [services.documents.NOT_LATEST]


def test_verify_by_upload_and_by_hash(issued_government_report, users):
    content = issued_government_report.file.open("rb").read()
    assert (
        services.report_verify(acting_user=users["auditor"], content=content, now=timezone.now())
        == issued_government_report
    )
    assert (
        services.report_verify(
            acting_user=users["auditor"], sha256=issued_government_report.sha256.upper(), now=timezone.now()
        )
        == issued_government_report
    )
    assert services.report_verify(acting_user=users["auditor"], content=content + b" ", now=timezone.now()) is None
    found = list(
        ReportEvent.objects.filter(kind=ReportEvent.Kind.VERIFIED).order_by("id").values_list("data__found", flat=True)
    )
    assert found == [True, True, False]


def test_preview_stores_nothing_but_the_event(world, users):
    draft = government_draft(users["moda"])
    pdf = services.report_preview(report=draft, acting_user=users["moda"], now=NOW)
    assert pdf.startswith(b"%PDF-")
    draft.refresh_from_db()
    assert (draft.status, draft.sha256, draft.number, bool(draft.file)) == ("draft", "", None, False)
    assert ReportEvent.objects.filter(report=draft, kind=ReportEvent.Kind.PREVIEWED).count() == 1


def test_every_report_kind_generates(world, users, level3_tax_incident_reported_20min_after_awareness):  # noqa: F811
    incident = level3_tax_incident_reported_20min_after_awareness
    subjects = [
        {
            "kind": "national",
            "subject_key": "national",
            "subject": "全國",
            "year": 2026,
            "language": "zh-hant",
            "params": {},
        },
        {
            "kind": "scorecard",
            "subject_key": f"scorecard:{world['tax'].pk}",
            "subject": "國稅局",
            "year": 2026,
            "language": "en",
            "agency": world["tax"],
            "params": {},
        },
        {
            "kind": "subtree",
            "subject_key": f"subtree:{world['finance'].pk}",
            "subject": "財政部",
            "year": 2026,
            "language": "zh-hant",
            "agency": world["finance"],
            "params": {},
        },
        {
            "kind": "incident",
            "subject_key": f"incident:{incident.pk}",
            "subject": incident.title,
            "year": 2026,
            "language": "zh-hant",
            "incident": incident,
            "params": {},
        },
    ]
    for subject in subjects:
        report = services.report_generate(acting_user=users["moda"], now=NOW, **subject)
        assert report.is_issued and report.file.open("rb").read(5) == b"%PDF-"
        assert services.report_rerender_matches(report=report) is True, subject["kind"]
