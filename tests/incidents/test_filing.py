"""Filing: statutory fields, clocks from aware-at, late and fallback reports, level proposal, outbox."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from common.models import OutboundNotification
from incidents import services
from incidents.models import Incident, IncidentAlert, IncidentEvent
from incidents.rules import ClockKind, IncidentStatus
from infrastructure.models import InformationSystem
from tests.incidents.conftest import AWARE_2026, clock, file_incident, notification

pytestmark = pytest.mark.django_db


def test_level3_report_starts_every_clock_from_awareness(world, users):
    incident = file_incident(world["tax"], users["officer"], level=3)

    assert incident.status == IncidentStatus.REPORTED
    assert (incident.level, incident.proposed_level) == (3, 3)
    assert incident.level_criterion == "資通安全事件通報及應變辦法第2條第4項第3款"
    assert incident.rule_set.code == "2026-01-05"
    assert incident.reported_at == AWARE_2026 + timedelta(minutes=20)
    assert incident.is_late is False
    due = dict(incident.clocks.values_list("kind", "due_at"))
    assert due == {
        ClockKind.NOTIFY: AWARE_2026 + timedelta(hours=1),
        ClockKind.REVIEW: AWARE_2026 + timedelta(minutes=20, hours=2),
        ClockKind.RECOVER: AWARE_2026 + timedelta(hours=36),
    }
    assert clock(incident, ClockKind.NOTIFY).met_at == AWARE_2026 + timedelta(minutes=20)
    assert clock(incident, ClockKind.NOTIFY).citation == "資通安全事件通報應變及演練辦法(115.01.05)第6條第1項"
    assert list(incident.events.values_list("kind", "status_before", "status_after")) == [
        (IncidentEvent.Kind.DRAFTED, "", "draft"),
        (IncidentEvent.Kind.REPORTED, "draft", "reported"),
    ]


def test_report_notifies_the_reviewer_and_a_major_one_the_competent_authority(world, users):
    incident = file_incident(world["tax"], users["officer"], level=3)

    rows = list(OutboundNotification.objects.filter(incident=incident).values_list("topic", "recipients"))
    assert rows == [("reported", ["mof@example.gov.tw"]), ("major", ["moda@example.gov.tw"])]
    alert = IncidentAlert.objects.get(incident=incident)
    assert (alert.kind, alert.clock_kind) == (IncidentAlert.Kind.MAJOR, ClockKind.REVIEW)


def test_level1_report_does_not_alert_the_competent_authority(world, users):
    incident = file_incident(world["tax"], users["officer"], level=1)
    assert IncidentAlert.objects.filter(incident=incident).exists() is False
    assert clock(incident, ClockKind.RECOVER).due_at == AWARE_2026 + timedelta(hours=72)
    assert clock(incident, ClockKind.REVIEW).due_at == AWARE_2026 + timedelta(minutes=20, hours=8)


@pytest.mark.parametrize(("after", "late"), [(timedelta(hours=1), False), (timedelta(hours=1, seconds=1), True)])
def test_a_report_after_one_hour_is_late(world, users, after, late):
    incident = file_incident(world["tax"], users["officer"], reported_after=after, late_reason="Power cut.")
    assert incident.is_late is late
    assert clock(incident, ClockKind.NOTIFY).met_at == AWARE_2026 + after


def test_a_late_report_needs_the_reason_and_saves_nothing_without_it(world, users):
    with pytest.raises(ValidationError) as error:
        file_incident(world["tax"], users["officer"], reported_after=timedelta(hours=2))
    assert error.value.message_dict == {
        "late_reason": ["The report is made after the 1-hour deadline: give the reason for the delay."]
    }
    assert Incident.objects.exists() is False


def test_a_telephone_report_is_back_filled_with_its_original_time(world, users):
    phoned = AWARE_2026 + timedelta(minutes=45)
    incident = file_incident(
        world["tax"],
        users["officer"],
        reported_after=timedelta(hours=5),
        channel="phone",
        fallback_reason="Platform down.",
        fallback_reported_at=phoned,
    )
    assert (incident.reported_at, incident.is_late, incident.channel) == (phoned, False, "phone")
    assert clock(incident, ClockKind.REVIEW).due_at == phoned + timedelta(hours=8)


def test_a_fallback_without_its_reason_is_refused(world, users):
    with pytest.raises(ValidationError) as error:
        file_incident(world["tax"], users["officer"], channel="email")
    assert error.value.message_dict == {
        "fallback_reason": ["A report first made by telephone, e-mail or fax needs the reason and its original time."]
    }


def test_another_level_than_the_proposal_needs_a_reason(world, users):
    with pytest.raises(ValidationError) as error:
        services.incident_report_create(
            agency=world["tax"],
            data=notification(impact=1, level=2),
            acting_user=users["officer"],
            now=AWARE_2026 + timedelta(minutes=5),
        )
    assert error.value.message_dict == {
        "level_reason": ["You chose a level other than the proposed one: give the reason."]
    }
    incident = services.incident_report_create(
        agency=world["tax"],
        data=notification(impact=1, level=2, level_reason="Citizen data involved."),
        acting_user=users["officer"],
        now=AWARE_2026 + timedelta(minutes=5),
    )
    assert (incident.level, incident.proposed_level) == (2, 1)


def test_affected_systems_must_be_the_agencys_own(world, users):
    own = InformationSystem.objects.create(agency=world["tax"], name="e-Tax", is_core=True)
    other = InformationSystem.objects.create(agency=world["finance"], name="Budget")
    incident = file_incident(world["tax"], users["officer"], affected_system_ids=[own.pk])
    assert list(incident.affected_systems.all()) == [own]
    with pytest.raises(ValidationError):
        file_incident(world["tax"], users["officer"], affected_system_ids=[other.pk])


def test_a_draft_keeps_the_notify_clock_running_until_submitted(world, users):
    draft = file_incident(world["tax"], users["officer"], submit=False)
    assert draft.status == IncidentStatus.DRAFT
    assert clock(draft, ClockKind.NOTIFY).met_at is None
    assert draft.clocks.filter(kind=ClockKind.REVIEW).exists() is False
    services.incident_submit(incident=draft, acting_user=users["officer"], now=AWARE_2026 + timedelta(minutes=50))
    assert clock(draft, ClockKind.NOTIFY).met_at == AWARE_2026 + timedelta(minutes=50)


def test_awareness_in_the_future_is_refused(world, users):
    with pytest.raises(ValidationError) as error:
        file_incident(world["tax"], users["officer"], reported_after=timedelta(minutes=-5))
    assert error.value.message_dict == {"aware_at": ["The time of awareness cannot be in the future."]}


def test_attachments_are_typed_by_content(world, users):
    incident = file_incident(world["tax"], users["officer"])
    pdf = services.incident_attachment_add(
        incident=incident,
        content=b"%PDF-1.7\n...",
        original_name="report.pdf",  # the name must agree with the content (issue 9)
        acting_user=users["officer"],
        now=AWARE_2026 + timedelta(hours=1),
    )
    assert pdf.content_type == "application/pdf"
    with pytest.raises(ValidationError):
        services.incident_attachment_add(
            incident=incident,
            content=b"MZ\x90\x00\x03\x00binary",
            original_name="report.pdf",
            acting_user=users["officer"],
            now=AWARE_2026 + timedelta(hours=1),
        )
    assert incident.attachments.count() == 1
