"""Evidence: checked by content, size-limited, stored privately; review accept/return; resubmission; exemption."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from obligations import services
from obligations.models import EvidenceFile, EvidenceSubmission, ObligationEvent
from tests.obligations.conftest import PDF, PNG, office_zip

pytestmark = pytest.mark.django_db


def _upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _files_on_disk(root) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.is_file()] if Path(root).exists() else []


@pytest.mark.parametrize(
    ("name", "content", "stored_type"),
    [
        ("scan.pdf", PDF, "application/pdf"),
        ("photo.png", PNG, "image/png"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 16, "image/jpeg"),
        ("report.docx", office_zip("docx"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("report.odt", office_zip("odt"), "application/vnd.oasis.opendocument.text"),
    ],
)
def test_accepted_types_are_stored_privately(tax_obligation, users, private_media, name, content, stored_type):
    submission = services.evidence_submit(
        now=timezone.now(),
        obligation=tax_obligation,
        uploads=[_upload(name, content)],
        acting_user=users["officer"],
        statement="done",
    )
    stored = EvidenceFile.objects.get(submission=submission)
    assert (stored.original_name, stored.content_type, stored.size) == (name, stored_type, len(content))
    assert Path(stored.file.path).read_bytes() == content
    assert Path(stored.file.path).is_relative_to(private_media)
    tax_obligation.refresh_from_db()
    assert tax_obligation.status == "submitted"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("malware.pdf", b"MZ\x90\x00 this is an executable"),
        ("archive.docx", office_zip("plain")),
        ("photo.pdf", PNG),
        ("script.html", b"<html><script>alert(1)</script>"),
    ],
)
def test_wrong_content_is_rejected_and_nothing_is_written(tax_obligation, users, private_media, name, content):
    with pytest.raises(ValidationError) as error:
        services.evidence_submit(
            now=timezone.now(),
            obligation=tax_obligation,
            uploads=[_upload("ok.pdf", PDF), _upload(name, content)],
            acting_user=users["officer"],
        )
    assert error.value.messages == [
        f"“{name}” is not an accepted file: upload PDF, PNG or JPEG files, or Office (docx, xlsx, pptx) or ODF "
        "(odt, ods, odp) documents whose content matches the file name."
    ]
    assert EvidenceSubmission.objects.exists() is False
    assert ObligationEvent.objects.filter(kind="evidence_submitted").exists() is False
    assert _files_on_disk(private_media) == []
    tax_obligation.refresh_from_db()
    assert tax_obligation.status == "open"


def test_too_large_is_rejected(tax_obligation, users, settings, private_media):
    settings.CSMA_EVIDENCE_MAX_BYTES = 1024 * 1024
    with pytest.raises(ValidationError) as error:
        services.evidence_submit(
            now=timezone.now(),
            obligation=tax_obligation,
            uploads=[_upload("big.pdf", PDF + b"0" * 2 * 1024 * 1024)],
            acting_user=users["officer"],
        )
    assert error.value.messages == ["“big.pdf” is 2.0 MB; the limit is 1 MB."]
    assert EvidenceSubmission.objects.exists() is False
    assert _files_on_disk(private_media) == []


def test_review_return_then_resubmit_then_accept(tax_obligation, users):
    first = services.evidence_submit(
        now=timezone.now(), obligation=tax_obligation, uploads=[_upload("a.pdf", PDF)], acting_user=users["officer"]
    )
    with pytest.raises(ValidationError):
        services.evidence_review(
            now=timezone.now(), submission=first, accept=False, acting_user=users["mof"], reason=" "
        )
    services.evidence_review(
        now=timezone.now(), submission=first, accept=False, acting_user=users["mof"], reason="缺少人員名冊"
    )
    tax_obligation.refresh_from_db()
    assert tax_obligation.status == "returned"

    second = services.evidence_submit(
        now=timezone.now(), obligation=tax_obligation, uploads=[_upload("b.pdf", PDF)], acting_user=users["officer"]
    )
    services.evidence_review(now=timezone.now(), submission=second, accept=True, acting_user=users["mof"])

    tax_obligation.refresh_from_db()
    assert (tax_obligation.status, second.number) == ("accepted", 2)
    kinds = list(ObligationEvent.objects.filter(obligation=tax_obligation).order_by("id").values_list("kind", "data"))
    assert [kind for kind, _ in kinds] == [
        "evidence_submitted",
        "evidence_returned",
        "evidence_submitted",
        "evidence_accepted",
    ]
    assert kinds[1][1]["reason"] == "缺少人員名冊"
    assert kinds[3][1]["before"] == {"status": "submitted"} and kinds[3][1]["after"] == {"status": "accepted"}
    with pytest.raises(ValidationError):
        services.evidence_submit(
            now=timezone.now(), obligation=tax_obligation, uploads=[_upload("c.pdf", PDF)], acting_user=users["officer"]
        )
    with pytest.raises(ValidationError):
        services.evidence_review(now=timezone.now(), submission=second, accept=True, acting_user=users["mof"])


def test_exempt_needs_a_legal_basis(tax_obligation, users):
    with pytest.raises(ValidationError):
        services.obligation_exempt(
            now=timezone.now(), obligation=tax_obligation, legal_basis="", acting_user=users["mof"]
        )
    services.obligation_exempt(
        now=timezone.now(), obligation=tax_obligation, legal_basis="分級辦法第11條第3項", acting_user=users["mof"]
    )
    tax_obligation.refresh_from_db()
    assert (tax_obligation.status, tax_obligation.exempt_basis) == ("exempt", "分級辦法第11條第3項")
    assert ObligationEvent.objects.get(kind="exempted").actor == users["mof"]
