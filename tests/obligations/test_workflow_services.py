"""Every obligation service checks its step on the locked row through the workflow table
(obligations/rules/workflow.py) and stamps the ``now`` it is given: refused steps give the exact message
and change nothing; a step someone else took meanwhile is a conflict."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from common.conflicts import is_conflict
from obligations import services
from obligations.models import AnnualFiling, EvidenceSubmission, Obligation, ObligationEvent
from tests.obligations.conftest import PDF

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 5, 4, 1, 2, 3, tzinfo=UTC)
SECTIONS = {n: {"content": f"§{n}"} for n in range(1, 14)}


def _pdf():
    return SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")


def _submit(obligation, user, now=NOW) -> EvidenceSubmission:
    return services.evidence_submit(obligation=obligation, uploads=[_pdf()], acting_user=user, now=now)


def _refused(call) -> ValidationError:
    events = ObligationEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        call()
    assert ObligationEvent.objects.count() == events
    return error.value


def test_submit_review_and_exempt_stamp_the_given_now(tax_obligation, users):
    submission = _submit(tax_obligation, users["officer"])
    tax_obligation.refresh_from_db()
    assert (submission.submitted_at, tax_obligation.status_changed_at) == (NOW, NOW)
    later = NOW.replace(hour=9)
    services.evidence_review(submission=submission, accept=False, reason="缺", acting_user=users["mof"], now=later)
    submission.refresh_from_db()
    tax_obligation.refresh_from_db()
    assert (submission.reviewed_at, tax_obligation.status, tax_obligation.status_changed_at) == (
        later,
        "returned",
        later,
    )
    services.obligation_exempt(
        obligation=tax_obligation, legal_basis="分級辦法第11條第3項", acting_user=users["mof"], now=NOW
    )
    tax_obligation.refresh_from_db()
    assert (tax_obligation.status, tax_obligation.status_changed_at) == ("exempt", NOW)


def test_evidence_for_an_accepted_obligation_is_refused_with_its_status(tax_obligation, users):
    services.evidence_review(
        submission=_submit(tax_obligation, users["officer"]), accept=True, acting_user=users["mof"], now=NOW
    )
    error = _refused(lambda: _submit(tax_obligation, users["officer"]))
    assert (is_conflict(error), error.messages) == (
        False,
        ["Evidence cannot be submitted for an obligation that is “Accepted”."],
    )
    assert EvidenceSubmission.objects.filter(obligation=tax_obligation).count() == 1


def test_evidence_for_a_submitted_obligation_is_a_conflict(tax_obligation, users):
    _submit(tax_obligation, users["officer"])
    error = _refused(lambda: _submit(tax_obligation, users["mof"]))
    assert (is_conflict(error), error.messages) == (
        True,
        [
            "Evidence for this obligation has just been submitted (perhaps by someone else) and awaits review: "
            "reload the page."
        ],
    )


def test_reviewing_evidence_of_an_obligation_exempted_meanwhile_is_a_conflict(tax_obligation, users):
    submission = _submit(tax_obligation, users["officer"])
    services.obligation_exempt(
        obligation=tax_obligation, legal_basis="分級辦法第11條第3項", acting_user=users["moda"], now=NOW
    )
    error = _refused(
        lambda: services.evidence_review(submission=submission, accept=True, acting_user=users["mof"], now=NOW)
    )
    assert is_conflict(error) is True
    submission.refresh_from_db()
    assert (submission.review, Obligation.objects.get(pk=tax_obligation.pk).status) == ("pending", "exempt")


def test_exempting_twice_is_a_conflict_and_an_accepted_item_cannot_be_exempted(tax_obligation, users):
    exempt = lambda: services.obligation_exempt(  # noqa: E731
        obligation=tax_obligation, legal_basis="分級辦法第11條第3項", acting_user=users["mof"], now=NOW
    )
    exempt()
    assert is_conflict(_refused(exempt)) is True
    other = Obligation.objects.filter(agency=tax_obligation.agency, status="open").exclude(pk=tax_obligation.pk).first()
    services.evidence_review(
        submission=_submit(other, users["officer"]), accept=True, acting_user=users["mof"], now=NOW
    )
    error = _refused(
        lambda: services.obligation_exempt(obligation=other, legal_basis="x", acting_user=users["mof"], now=NOW)
    )
    assert (is_conflict(error), error.messages) == (
        False,
        ["Only an open, submitted or returned obligation can be exempted."],
    )


def test_filing_steps_follow_the_table(world, users):
    filing = services.filing_save(
        agency=world["tax"], kind="plan", year=2026, sections=SECTIONS, acting_user=users["officer"], now=timezone.now()
    )
    error = _refused(lambda: services.filing_review(filing=filing, accept=True, acting_user=users["mof"], now=NOW))
    assert (is_conflict(error), error.messages) == (False, ["Only a submitted filing can be reviewed."])
    services.filing_submit(filing=filing, acting_user=users["officer"], now=NOW)
    assert AnnualFiling.objects.get(pk=filing.pk).submitted_at == NOW
    assert is_conflict(_refused(lambda: services.filing_submit(filing=filing, acting_user=users["officer"], now=NOW)))
    services.filing_review(filing=filing, accept=False, reason="第5章不完整", acting_user=users["mof"], now=NOW)
    assert AnnualFiling.objects.get(pk=filing.pk).reviewed_at == NOW
    again = _refused(lambda: services.filing_review(filing=filing, accept=True, acting_user=users["mof"], now=NOW))
    assert (is_conflict(again), again.messages) == (
        True,
        ["This filing has already been reviewed (perhaps by someone else just now): reload the page."],
    )
    assert AnnualFiling.objects.get(pk=filing.pk).status == "returned"
