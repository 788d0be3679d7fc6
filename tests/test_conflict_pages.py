"""On pages, a conflict found on the locked row (someone else acted meanwhile, common/conflicts.py) is shown
as the form's error or a flash message, in zh-Hant, and nothing changes. The races themselves, on two
PostgreSQL connections: tests/test_races.py. Runs on SQLite and PostgreSQL."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from access import services as access_services
from access.models import AccessEvent
from access.policy import Role
from incidents import rules
from obligations import services
from obligations.models import Obligation, ObligationEvent
from tests.conftest import otp_verify
from tests.obligations.helpers import approve_level

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n%test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_step_the_incident_already_took_is_a_conflict_with_the_exact_message():
    with pytest.raises(ValidationError) as error:
        rules.ensure_transition(rules.IncidentStatus.CLOSED, rules.IncidentStatus.CLOSED)
    assert (error.value.code, error.value.messages) == (
        "conflict",
        ["This incident is already “Closed” (perhaps someone else did this just now): reload the page."],
    )
    rules.ensure_transition(rules.IncidentStatus.LEVEL_CHANGED, rules.IncidentStatus.LEVEL_CHANGED)  # may repeat


def test_reviewing_evidence_someone_else_just_reviewed_shows_the_conflict_on_the_form(
    client, world, users, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    approve_level(world["tax"], "C", date(2026, 3, 16))
    obligation = Obligation.objects.get(agency=world["tax"], requirement__code="mgmt-security-staff")
    upload = SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf")
    submission = services.evidence_submit(
        now=timezone.now(), obligation=obligation, uploads=[upload], acting_user=users["officer"]
    )
    services.evidence_review(
        now=timezone.now(), submission=submission, accept=True, acting_user=users["moda"]
    )  # the other reviewer

    response = otp_verify(client, users["mof"]).post(
        reverse("obligations:review", args=[submission.pk]), {"decision": "return", "reason": "缺簽名"}
    )

    assert response.status_code == 400
    assert response.context["review_form"].non_field_errors() == [
        "此次提報已完成審核（可能剛由他人完成），請重新載入頁面。"
    ]
    submission.refresh_from_db()
    assert (submission.review, submission.reviewed_by) == ("accepted", users["moda"])
    assert ObligationEvent.objects.filter(kind="evidence_returned").exists() is False


def test_cancelling_an_invitation_accepted_meanwhile_flashes_the_conflict(client, world, users):
    invitation, token = access_services.invitation_create(
        email="new.officer@tax.gov.tw",
        role=Role.SECURITY_OFFICER,
        agency=world["tax"],
        acting_user=users["mof"],
        now=timezone.now(),
        accept_url_template="https://csma.example.gov.tw/accounts/invitation/TOKEN/",
    )
    access_services.invitation_accept(
        token=token, username="holder", password="Str0ng-passphrase-2026!", first_name="新", last_name="承辦",
        now=timezone.now(),
    )  # fmt: skip

    response = otp_verify(client, users["mof"]).post(
        reverse("access:invitation_cancel", args=[invitation.pk]), follow=True
    )

    assert [str(message) for message in response.context["messages"]] == [
        "此邀請已被接受（可能剛剛接受），無法再取消；請改為停用該帳號。"
    ]
    invitation.refresh_from_db()
    assert invitation.cancelled_at is None
    assert AccessEvent.objects.filter(kind=AccessEvent.Kind.INVITATION_CANCELLED).exists() is False
