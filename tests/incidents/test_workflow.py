"""Review, forwarding (2021 vs 2026), level changes, recovery, report loop, measures, close."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from common.models import CalendarDay
from common.periods import TAIPEI
from incidents import services
from incidents.models import IncidentEvent
from incidents.rules import ClockKind, IncidentStatus
from tests.incidents.conftest import AWARE_2026, clock, file_incident

pytestmark = pytest.mark.django_db
REPORT = services.ReportContents(
    timeline="t",
    impact="i",
    recovery_course="r",
    investigation_course="v",
    root_cause="c",
    prevention="p",
    schedule="s",
)


def test_review_confirms_within_the_clock_and_forwards(
    world, users, level3_tax_incident_reported_20min_after_awareness
):
    incident = level3_tax_incident_reported_20min_after_awareness
    reviewed = AWARE_2026 + timedelta(hours=1)
    services.incident_review_complete(
        incident=incident, level=3, note="", forward=True, acting_user=users["mof"], now=reviewed
    )
    assert incident.status == IncidentStatus.FORWARDED
    assert clock(incident, ClockKind.REVIEW).met_at == reviewed
    assert clock(incident, ClockKind.FORWARD).due_at == reviewed + timedelta(hours=1)
    assert clock(incident, ClockKind.FORWARD).met_at == reviewed
    assert list(incident.events.values_list("kind", flat=True))[-2:] == ["level_confirmed", "forwarded"]


@pytest.mark.parametrize(
    ("aware_at", "forward_clock"),
    [
        (datetime(2025, 6, 2, 2, 0, tzinfo=TAIPEI), False),  # 2021 rules: SNGA level 1–2 summarised periodically
        (datetime(2026, 6, 1, 2, 0, tzinfo=TAIPEI), True),  # 2026 rules: every level within 1 h
    ],
)
def test_sngo_level1_forwarding_2021_vs_2026(world, users, sngo_officer, aware_at, forward_clock):
    incident = file_incident(world["power"], sngo_officer, level=1, aware_at=aware_at)
    services.incident_review_complete(
        incident=incident, level=1, note="", acting_user=users["moea"], now=aware_at + timedelta(hours=2)
    )
    assert incident.clocks.filter(kind=ClockKind.FORWARD).exists() is forward_clock
    assert incident.rule_set.code == ("2026-01-05" if forward_clock else "2021-08-23")


def test_reviewer_changing_the_level_recomputes_from_the_original_awareness(world, users):
    incident = file_incident(world["tax"], users["officer"], level=1)
    services.incident_review_complete(
        incident=incident,
        level=3,
        note="Core system down.",
        acting_user=users["mof"],
        now=AWARE_2026 + timedelta(hours=1),
    )
    assert (incident.status, incident.level) == (IncidentStatus.LEVEL_CHANGED, 3)
    assert clock(incident, ClockKind.RECOVER).due_at == AWARE_2026 + timedelta(hours=36)
    renotify = clock(incident, ClockKind.RENOTIFY)
    assert (renotify.due_at, renotify.met_at) == (AWARE_2026 + timedelta(hours=2), None)


def test_competent_authority_rereview_and_renewed_notification(world, users):
    incident = file_incident(world["tax"], users["officer"], level=3)
    services.incident_review_complete(
        incident=incident, level=3, note="", forward=True, acting_user=users["mof"], now=AWARE_2026 + timedelta(hours=1)
    )
    changed_at = AWARE_2026 + timedelta(hours=10)
    services.incident_level_change(
        incident=incident, level=2, reason="Backup restored.", acting_user=users["moda"], now=changed_at
    )
    assert clock(incident, ClockKind.RECOVER).due_at == AWARE_2026 + timedelta(hours=72)
    event = incident.events.get(kind=IncidentEvent.Kind.LEVEL_CHANGED)
    assert (event.data["level_before"], event.data["level"], event.actor) == (3, 2, users["moda"])
    assert event.data["clocks_before"]["recover"] == "2026-03-03T06:00:00+00:00"  # stored in UTC
    services.incident_renotify(
        incident=incident,
        acting_user=users["officer"],
        now=changed_at + timedelta(minutes=30),
        description="d",
        measures_taken="m",
        external_support_needed=False,
        external_support="",
        other_matters="",
        level=2,
    )
    assert clock(incident, ClockKind.RENOTIFY).met_at == changed_at + timedelta(minutes=30)
    assert incident.status == IncidentStatus.CONTAINING


def test_rereview_before_the_first_review_is_refused(world, users, level3_tax_incident_reported_20min_after_awareness):
    with pytest.raises(ValidationError) as error:
        services.incident_level_change(
            incident=level3_tax_incident_reported_20min_after_awareness,
            level=4,
            reason="x",
            acting_user=users["moda"],
            now=AWARE_2026 + timedelta(hours=1),
        )
    assert error.value.messages == ["The level has not been reviewed yet: use the review instead."]


def _reviewed(world, users, **kwargs):
    incident = file_incident(world["tax"], users["officer"], **kwargs)
    services.incident_review_complete(
        incident=incident,
        level=incident.level,
        note="",
        forward=True,
        acting_user=users["mof"],
        now=incident.reported_at + timedelta(minutes=30),
    )
    return incident


@pytest.mark.parametrize(
    ("recovered", "due"),
    [
        (datetime(2026, 3, 31, 10, 0, tzinfo=TAIPEI), datetime(2026, 4, 30, 23, 59, 59, tzinfo=TAIPEI)),  # month end
        # nominal end Sat 4/4 is itself a holiday (兒童節): §48 IV's holiday rule, not "Monday morning" — 4/5 Sun
        # (清明), 4/6 observed holiday → the end of Tuesday 4/7 (docs/legal-decisions.md, Periods)
        (datetime(2026, 3, 4, 10, 0, tzinfo=TAIPEI), datetime(2026, 4, 7, 23, 59, 59, tzinfo=TAIPEI)),
    ],
)
def test_recovery_starts_the_report_month_on_the_taiwan_calendar(world, users, recovered, due):
    incident = _reviewed(world, users, level=1)
    services.incident_mark_recovered(
        incident=incident, recovered_at=recovered, acting_user=users["officer"], now=recovered + timedelta(minutes=5)
    )
    assert clock(incident, ClockKind.REPORT).due_at == due
    assert clock(incident, ClockKind.RECOVER).met_at == recovered


def test_an_administrator_day_off_moves_the_report_deadline(world, users):
    CalendarDay.objects.create(day=date(2026, 4, 30), kind=CalendarDay.Kind.REST_DAY, name="颱風停止上班")
    incident = _reviewed(world, users, level=1)
    recovered = datetime(2026, 3, 31, 10, 0, tzinfo=TAIPEI)
    services.incident_mark_recovered(
        incident=incident, recovered_at=recovered, acting_user=users["officer"], now=recovered
    )
    assert clock(incident, ClockKind.REPORT).due_at == datetime(
        2026, 5, 4, 23, 59, 59, tzinfo=TAIPEI
    )  # 5/1 勞動節, weekend


@pytest.mark.parametrize(("hours", "seconds", "state"), [(36, 0, "met"), (36, 1, "missed")])
def test_recovery_at_the_36_hour_boundary(world, users, hours, seconds, state):
    from incidents import rules

    incident = _reviewed(world, users, level=3)
    recovered = AWARE_2026 + timedelta(hours=hours, seconds=seconds)
    services.incident_mark_recovered(
        incident=incident, recovered_at=recovered, acting_user=users["officer"], now=recovered
    )
    recover = clock(incident, ClockKind.RECOVER)
    assert rules.clock_status(due_at=recover.due_at, met_at=recover.met_at, now=recovered).state == state
    assert incident.events.get(kind=IncidentEvent.Kind.RECOVERED).data["late"] is (state == "missed")


def test_recovery_may_be_recorded_before_the_review_which_is_still_owed(world, users):
    """The recovery duty runs from awareness (Art 6 ¶1 / 13 ¶1): a pending review does not block it."""
    incident = file_incident(world["tax"], users["officer"])
    recovered = AWARE_2026 + timedelta(hours=1)
    services.incident_mark_recovered(
        incident=incident, recovered_at=recovered, acting_user=users["officer"], now=AWARE_2026 + timedelta(hours=2)
    )
    assert (incident.status, clock(incident, ClockKind.RECOVER).met_at) == (IncidentStatus.RECOVERED, recovered)
    assert clock(incident, ClockKind.REVIEW).met_at is None
    reviewed = AWARE_2026 + timedelta(hours=3)
    services.incident_review_complete(incident=incident, level=1, note="", acting_user=users["mof"], now=reviewed)
    assert (incident.status, incident.reviewed_at) == (IncidentStatus.RECOVERED, reviewed)
    assert clock(incident, ClockKind.REVIEW).met_at == reviewed


def test_report_loop_extension_measures_and_close(world, users):
    incident = _reviewed(world, users, level=2)
    recovered = AWARE_2026 + timedelta(hours=20)
    services.incident_mark_recovered(
        incident=incident, recovered_at=recovered, acting_user=users["officer"], now=recovered
    )
    services.incident_report_extend(
        incident=incident,
        due_on=date(2026, 4, 30),
        reason="Forensics pending.",
        superior_consent="財政部 2026-03-20 台財資字第1150001號",
        authority_consent="數位發展部 2026-03-21 數授資字第1150002號",
        acting_user=users["mof"],
        now=recovered + timedelta(days=3),
    )
    assert clock(incident, ClockKind.REPORT).due_at == datetime(2026, 4, 30, 23, 59, 59, tzinfo=TAIPEI)
    services.incident_report_submit(
        incident=incident, contents=REPORT, acting_user=users["officer"], now=datetime(2026, 4, 20, 9, 0, tzinfo=TAIPEI)
    )
    services.incident_report_decide(
        incident=incident,
        accept=False,
        note="Root cause unclear.",
        acting_user=users["mof"],
        now=datetime(2026, 4, 21, 9, 0, tzinfo=TAIPEI),
    )
    assert incident.status == IncidentStatus.EXPLANATION_REQUESTED
    services.incident_report_submit(
        incident=incident, contents=REPORT, acting_user=users["officer"], now=datetime(2026, 4, 25, 9, 0, tzinfo=TAIPEI)
    )
    assert clock(incident, ClockKind.REPORT).met_at == datetime(2026, 4, 20, 9, 0, tzinfo=TAIPEI)
    services.incident_report_decide(
        incident=incident,
        accept=True,
        note="",
        acting_user=users["mof"],
        now=datetime(2026, 4, 26, 9, 0, tzinfo=TAIPEI),
    )
    measure = services.improvement_measure_add(
        incident=incident,
        category="technical",
        description="MFA for VPN",
        owner="資訊室",
        due_on=date(2026, 6, 30),
        acting_user=users["officer"],
        now=datetime(2026, 4, 26, 10, 0, tzinfo=TAIPEI),
    )
    with pytest.raises(ValidationError) as error:
        services.incident_close(incident=incident, acting_user=users["mof"], now=datetime(2026, 5, 1, tzinfo=TAIPEI))
    assert error.value.messages == ["Every improvement measure must be completed before the incident is closed."]
    services.improvement_measure_complete(
        measure=measure,
        completed_on=date(2026, 6, 1),
        note="Deployed",
        acting_user=users["officer"],
        now=datetime(2026, 6, 1, tzinfo=TAIPEI),
    )
    services.incident_close(incident=incident, acting_user=users["mof"], now=datetime(2026, 6, 2, tzinfo=TAIPEI))
    assert incident.status == IncidentStatus.CLOSED
    assert list(incident.reports.values_list("sequence", "decision")) == [(1, "explanation"), (2, "accepted")]
    statuses = list(incident.events.exclude(status_before="").values_list("status_before", "status_after"))
    assert all(
        before == after or after in __import__("incidents").rules.TRANSITIONS[before] for before, after in statuses
    )


def test_every_state_change_writes_its_event_with_the_ip(world, users):
    from common.request_context import _client_ip

    token = _client_ip.set("203.0.113.7")
    try:
        incident = file_incident(world["tax"], users["officer"])
    finally:
        _client_ip.reset(token)
    assert set(incident.events.values_list("ip_address", flat=True)) == {"203.0.113.7"}
