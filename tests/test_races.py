"""Race-free transitions (issue 8): two users act on one filing, evidence submission or invitation at the
same moment, each on their own PostgreSQL connection. The first wins; the second waits for the row lock,
re-checks the step on the fresh row and gets a clear conflict (common/conflicts.py); one event row; the
final state is the winner's. (Incident reviews: tests/incidents/test_concurrency.py.)

Run: ``scripts/with-servers.sh .venv/bin/python -m pytest -q tests/test_races.py`` (skipped on SQLite).
"""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from access import services as access_services
from access.models import AccessEvent, Invitation
from access.policy import Role
from obligations import services
from obligations.models import AnnualFiling, EvidenceSubmission, FilingSection, Obligation, ObligationEvent
from tests.obligations.helpers import approve_level
from tests.races import POSTGRESQL_ONLY, Side, assert_one_wins_one_conflicts, race

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), POSTGRESQL_ONLY]

PDF = b"%PDF-1.7\n%test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SECTIONS = {number: {"content": f"第{number}項內容"} for number in range(1, 14)}
PASSWORD = "Str0ng-passphrase-2026!"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


def _pdf(name="scan.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def tax_obligation(world) -> Obligation:
    approve_level(world["tax"], "C", date(2026, 3, 16))
    return Obligation.objects.get(agency=world["tax"], requirement__code="mgmt-security-staff")


@pytest.fixture
def submitted_evidence(tax_obligation, users) -> EvidenceSubmission:
    return services.evidence_submit(
        now=timezone.now(), obligation=tax_obligation, uploads=[_pdf()], acting_user=users["officer"]
    )


@pytest.fixture
def draft_plan(world, users) -> AnnualFiling:
    return services.filing_save(
        agency=world["tax"], kind="plan", year=2026, sections=SECTIONS, acting_user=users["officer"], now=timezone.now()
    )


@pytest.fixture
def submitted_plan(draft_plan, users) -> AnnualFiling:
    return services.filing_submit(now=timezone.now(), filing=draft_plan, acting_user=users["officer"])


def _filing_events(filing, kind: str) -> int:
    return ObligationEvent.objects.filter(filing=filing, kind=kind).count()


# Filings -------------------------------------------------------------------------------------------------------


def test_two_officers_submit_one_draft_at_once_one_submits_the_other_is_told(draft_plan, users):
    def submit_as(username):
        return Side(
            load=lambda: AnnualFiling.objects.get(pk=draft_plan.pk),
            act=lambda filing: services.filing_submit(now=timezone.now(), filing=filing, acting_user=users[username]),
        )

    outcome = race(first=submit_as("officer"), second=submit_as("admin"))

    assert_one_wins_one_conflicts(outcome, message=str(services.filings.FILING_ALREADY_SUBMITTED))
    draft_plan.refresh_from_db()
    assert draft_plan.status == AnnualFiling.Status.SUBMITTED
    assert _filing_events(draft_plan, "filing_submitted") == 1
    assert ObligationEvent.objects.get(kind="filing_submitted").actor == users["officer"]


def test_a_save_from_a_stale_page_never_writes_into_a_filing_submitted_meanwhile(draft_plan, users, world):
    stale_text = {number: {"content": "舊頁面的文字"} for number in range(1, 14)}
    submit = Side(
        load=lambda: AnnualFiling.objects.get(pk=draft_plan.pk),
        act=lambda filing: services.filing_submit(now=timezone.now(), filing=filing, acting_user=users["officer"]),
    )
    save = Side(
        act=lambda _: services.filing_save(
            agency=world["tax"],
            kind="plan",
            year=2026,
            sections=stale_text,
            acting_user=users["admin"],
            now=timezone.now(),
        )
    )

    outcome = race(first=submit, second=save)

    assert_one_wins_one_conflicts(
        outcome, message="This filing has been submitted; it can be revised only after it is returned."
    )
    texts = dict(FilingSection.objects.filter(filing=draft_plan).values_list("number", "content"))
    assert texts == {number: values["content"] for number, values in SECTIONS.items()}
    assert AnnualFiling.objects.filter(agency=world["tax"], kind="plan", year=2026).count() == 1
    assert _filing_events(draft_plan, "filing_saved") == 1  # the fixture's save only


def test_two_reviewers_decide_one_filing_at_once_the_first_decision_stands(submitted_plan, users):
    accept = Side(
        load=lambda: AnnualFiling.objects.get(pk=submitted_plan.pk),
        act=lambda filing: services.filing_review(
            now=timezone.now(), filing=filing, accept=True, acting_user=users["mof"]
        ),
    )
    give_back = Side(
        load=lambda: AnnualFiling.objects.get(pk=submitted_plan.pk),
        act=lambda filing: services.filing_review(
            now=timezone.now(), filing=filing, accept=False, reason="第5項不完整", acting_user=users["moda"]
        ),
    )

    outcome = race(first=accept, second=give_back)

    assert_one_wins_one_conflicts(outcome, message=str(services.filings.FILING_ALREADY_REVIEWED))
    submitted_plan.refresh_from_db()
    assert (submitted_plan.status, submitted_plan.reviewed_by, submitted_plan.review_reason) == (
        AnnualFiling.Status.ACCEPTED,
        users["mof"],
        "",
    )
    assert _filing_events(submitted_plan, "filing_accepted") == 1
    assert _filing_events(submitted_plan, "filing_returned") == 0


# Evidence ------------------------------------------------------------------------------------------------------


def test_two_reviewers_decide_one_evidence_submission_at_once_the_first_decision_stands(submitted_evidence, users):
    accept = Side(
        load=lambda: EvidenceSubmission.objects.get(pk=submitted_evidence.pk),
        act=lambda submission: services.evidence_review(
            now=timezone.now(), submission=submission, accept=True, acting_user=users["mof"]
        ),
    )
    give_back = Side(
        load=lambda: EvidenceSubmission.objects.get(pk=submitted_evidence.pk),
        act=lambda submission: services.evidence_review(
            now=timezone.now(), submission=submission, accept=False, reason="缺少人員名冊", acting_user=users["moda"]
        ),
    )

    outcome = race(first=accept, second=give_back)

    assert_one_wins_one_conflicts(outcome, message=str(services.evidence.EVIDENCE_ALREADY_REVIEWED))
    submitted_evidence.refresh_from_db()
    assert (submitted_evidence.review, submitted_evidence.reviewed_by) == ("accepted", users["mof"])
    assert Obligation.objects.get(pk=submitted_evidence.obligation_id).status == "accepted"
    kinds = list(ObligationEvent.objects.filter(submission=submitted_evidence).values_list("kind", flat=True))
    assert sorted(kinds) == ["evidence_accepted", "evidence_submitted"]


def test_two_officers_submit_evidence_for_one_obligation_at_once_one_submission_is_made(tax_obligation, users):
    def submit_as(username, name):
        return Side(
            act=lambda _: services.evidence_submit(
                now=timezone.now(), obligation=tax_obligation, uploads=[_pdf(name)], acting_user=users[username]
            )
        )

    outcome = race(first=submit_as("officer", "a.pdf"), second=submit_as("admin", "b.pdf"))

    assert_one_wins_one_conflicts(outcome, message=str(services.evidence.EVIDENCE_SUBMITTED_MEANWHILE))
    submission = EvidenceSubmission.objects.get(obligation=tax_obligation)
    assert (submission.number, submission.submitted_by) == (1, users["officer"])
    assert list(submission.files.values_list("original_name", flat=True)) == ["a.pdf"]
    assert ObligationEvent.objects.filter(obligation=tax_obligation, kind="evidence_submitted").count() == 1


def test_a_new_level_never_supersedes_an_obligation_whose_evidence_is_being_submitted(tax_obligation, users, world):
    submit = Side(
        act=lambda _: services.evidence_submit(
            now=timezone.now(), obligation=tax_obligation, uploads=[_pdf()], acting_user=users["officer"]
        )
    )
    new_level = Side(act=lambda _: approve_level(world["tax"], "B", date(2026, 6, 1)))

    outcome = race(first=submit, second=new_level)

    assert not isinstance(outcome.first, BaseException), outcome.first
    assert not isinstance(outcome.second, BaseException), outcome.second
    assert outcome.second_waited_for_the_lock is True
    tax_obligation.refresh_from_db()
    assert tax_obligation.status == "submitted"  # still owed when read, submitted when locked: not superseded
    superseded = ObligationEvent.objects.filter(agency=world["tax"], kind="superseded")
    assert all(tax_obligation.pk not in event.data["obligations"] for event in superseded)


# Invitations ---------------------------------------------------------------------------------------------------


@pytest.fixture
def open_invitation(world, users) -> tuple[Invitation, str]:
    return access_services.invitation_create(
        email="new.officer@tax.gov.tw",
        role=Role.SECURITY_OFFICER,
        agency=world["tax"],
        acting_user=users["mof"],
        now=timezone.now(),
        accept_url_template="https://csma.example.gov.tw/accounts/invitation/TOKEN/",
    )


def _accept(token: str, username: str) -> Side:
    return Side(
        act=lambda _: access_services.invitation_accept(
            token=token, username=username, password=PASSWORD, first_name="新", last_name="承辦", now=timezone.now()
        )
    )


def test_one_invitation_accepted_twice_at_once_makes_one_account(open_invitation):
    invitation, token = open_invitation

    outcome = race(first=_accept(token, "first_holder"), second=_accept(token, "second_holder"))

    assert_one_wins_one_conflicts(outcome, message=str(access_services.INVITATION_USED_MEANWHILE))
    invitation.refresh_from_db()
    assert invitation.accepted_user.username == "first_holder"
    assert get_user_model().objects.filter(username="second_holder").exists() is False
    assert AccessEvent.objects.filter(kind=AccessEvent.Kind.INVITATION_ACCEPTED).count() == 1


def test_an_invitation_cancelled_while_it_is_being_accepted_is_not_cancelled_after_the_fact(open_invitation, users):
    invitation, token = open_invitation
    cancel = Side(
        load=lambda: Invitation.objects.get(pk=invitation.pk),
        act=lambda stale: access_services.invitation_cancel(
            invitation=stale, acting_user=users["mof"], now=timezone.now() + timedelta(seconds=1)
        ),
    )

    outcome = race(first=_accept(token, "holder"), second=cancel)

    assert_one_wins_one_conflicts(outcome, message=str(access_services.INVITATION_ALREADY_ACCEPTED))
    invitation.refresh_from_db()
    assert (invitation.accepted_user.username, invitation.cancelled_at) == ("holder", None)
    assert AccessEvent.objects.filter(kind=AccessEvent.Kind.INVITATION_CANCELLED).exists() is False
