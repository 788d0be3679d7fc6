"""Review and levels as the law says (通報及應變辦法 2021 Arts 4–6, 11–13; 2026 Arts 6, 7, 11, 12):

- the review period follows the level *as notified*, counted from receipt of that notification;
- a reviewer who changes the level does not re-time their own review;
- a renewed notification (續行通報) with a new level is a new notification with its own review clock;
- after a review the decision stands: a lower renewed level goes back to review and changes nothing alone;
- no forwarding when the competent authority reviews its own incident (Art 5 ¶1);
- an extension of the report needs the consents of Art 6 ¶3 / Art 13 ¶3.
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from access import grants
from access.policy import Role
from incidents import rules, services
from incidents.models import Incident, IncidentEvent
from incidents.rules import ClockKind, IncidentStatus
from incidents.selectors import incident_list_review_queue
from tests.factories import AgencyFactory, UserFactory
from tests.incidents.conftest import AWARE_2026, clock, file_incident

pytestmark = pytest.mark.django_db
RECEIVED = AWARE_2026 + timedelta(minutes=20)  # file_incident reports 20 minutes after awareness


def _state(incident, kind=ClockKind.REVIEW) -> str:
    review = clock(incident, kind)
    return rules.clock_status(due_at=review.due_at, met_at=review.met_at, now=review.met_at or RECEIVED).state


def _renotify(incident, user, *, at, level, reason="Assessment changed."):
    return services.incident_renotify(
        incident=incident,
        acting_user=user,
        now=at,
        description="d",
        measures_taken="m",
        level=level,
        level_reason=reason,
    )


@pytest.mark.parametrize(("level", "hours"), [(1, 8), (2, 8), (3, 2), (4, 2)])
@pytest.mark.parametrize(("late_by", "state"), [(timedelta(0), "met"), (timedelta(seconds=1), "missed")])
def test_review_period_of_the_notified_level_from_receipt(world, users, level, hours, late_by, state):
    incident = file_incident(world["tax"], users["officer"], level=level)
    assert clock(incident, ClockKind.REVIEW).due_at == RECEIVED + timedelta(hours=hours)
    services.incident_review_complete(
        incident=incident,
        level=level,
        note="",
        acting_user=users["mof"],
        now=RECEIVED + timedelta(hours=hours) + late_by,
    )
    assert _state(incident) == state


def test_a_reviewer_raising_the_level_is_not_made_late_by_it(world, users):
    incident = file_incident(world["tax"], users["officer"], level=1)
    reviewed = RECEIVED + timedelta(hours=3)  # past 2 h, within the 8 h of the level notified
    services.incident_review_complete(
        incident=incident, level=3, note="Core system.", acting_user=users["mof"], now=reviewed
    )
    assert clock(incident, ClockKind.REVIEW).due_at == RECEIVED + timedelta(hours=8)
    assert _state(incident) == "met"
    assert clock(incident, ClockKind.RECOVER).due_at == AWARE_2026 + timedelta(hours=36)  # the decided level


def test_a_reviewer_lowering_the_level_is_not_made_on_time_by_it(world, users):
    incident = file_incident(world["tax"], users["officer"], level=3)
    reviewed = RECEIVED + timedelta(hours=5)  # past the 2 h of the level notified
    services.incident_review_complete(
        incident=incident, level=1, note="Backup.", acting_user=users["mof"], now=reviewed
    )
    assert clock(incident, ClockKind.REVIEW).due_at == RECEIVED + timedelta(hours=2)
    assert _state(incident) == "missed"


def test_a_new_level_before_the_review_is_a_new_notification(world, users):
    incident = file_incident(world["tax"], users["officer"], level=1)
    renotified = AWARE_2026 + timedelta(hours=4)
    _renotify(incident, users["officer"], at=renotified, level=3)
    review = clock(incident, ClockKind.REVIEW)
    assert (review.started_at, review.due_at, review.met_at) == (renotified, renotified + timedelta(hours=2), None)
    assert (incident.level, incident.notified_level) == (3, 3)
    assert clock(incident, ClockKind.RECOVER).due_at == AWARE_2026 + timedelta(hours=36)


def test_after_review_a_lower_renewed_level_goes_back_to_review_and_changes_nothing_alone(world, users):
    incident = file_incident(world["tax"], users["officer"], level=3)
    services.incident_review_complete(incident=incident, level=3, note="", acting_user=users["mof"], now=RECEIVED)
    renotified = AWARE_2026 + timedelta(hours=10)
    _renotify(incident, users["officer"], at=renotified, level=2)
    assert (incident.level, incident.notified_level) == (3, 2)  # the decision stands
    assert clock(incident, ClockKind.RECOVER).due_at == AWARE_2026 + timedelta(hours=36)  # not relaxed
    review = clock(incident, ClockKind.REVIEW)
    assert (review.started_at, review.due_at, review.met_at) == (renotified, renotified + timedelta(hours=8), None)
    assert incident in incident_list_review_queue(user=users["mof"])
    decided = renotified + timedelta(hours=1)
    services.incident_review_complete(
        incident=incident, level=2, note="Contained.", acting_user=users["mof"], now=decided
    )
    assert incident.level == 2
    assert clock(incident, ClockKind.RECOVER).due_at == AWARE_2026 + timedelta(hours=72)  # by the reviewer
    assert clock(incident, ClockKind.REVIEW).met_at == decided


def test_after_review_a_higher_renewed_level_applies_at_once(world, users):
    incident = file_incident(world["tax"], users["officer"], level=1)
    services.incident_review_complete(incident=incident, level=1, note="", acting_user=users["mof"], now=RECEIVED)
    renotified = AWARE_2026 + timedelta(hours=5)
    _renotify(incident, users["officer"], at=renotified, level=3)
    assert incident.level == 3
    assert clock(incident, ClockKind.RECOVER).due_at == AWARE_2026 + timedelta(hours=36)
    assert clock(incident, ClockKind.REVIEW).due_at == renotified + timedelta(hours=2)


def test_a_second_review_of_the_same_notification_is_a_conflict(world, users):
    """Two reviewers with the same page open: the second one's stale instance is re-read under the lock."""
    incident = file_incident(world["tax"], users["officer"], level=2)
    stale = Incident.objects.get(pk=incident.pk)
    services.incident_review_complete(incident=incident, level=2, note="", acting_user=users["mof"], now=RECEIVED)
    with pytest.raises(ValidationError) as error:
        services.incident_review_complete(
            incident=stale, level=3, note="Other view.", acting_user=users["moda"], now=RECEIVED + timedelta(minutes=1)
        )
    assert error.value.messages == [str(rules.ALREADY_REVIEWED)]
    incident.refresh_from_db()
    assert (incident.level, incident.events.filter(kind__startswith="level_").count()) == (2, 1)


@pytest.fixture
def moda(world):
    agency = AgencyFactory(name="數位發展部", parent=world["executive"])
    officer, supervisor = UserFactory(username="moda-officer"), UserFactory(username="moda-supervisor")
    grants.role_grant(user=officer, role=Role.SECURITY_OFFICER, agency=agency, now=timezone.now())
    grants.role_grant(user=supervisor, role=Role.SUPERIOR_AGENCY, agency=agency, now=timezone.now())
    return agency, officer, supervisor


def test_no_forward_clock_when_the_competent_authority_reviews_its_own_incident(world, users, moda):
    agency, officer, supervisor = moda
    incident = file_incident(agency, officer, level=3)
    services.incident_review_complete(
        incident=incident, level=3, note="", forward=True, acting_user=supervisor, now=RECEIVED
    )
    assert incident.clocks.filter(kind=ClockKind.FORWARD).exists() is False
    assert incident.forwarded_at is None
    assert incident.status == IncidentStatus.LEVEL_CONFIRMED


def test_a_ministry_reviewing_a_subordinate_forwards_within_one_hour(world, users):
    incident = file_incident(world["tax"], users["officer"], level=1)
    services.incident_review_complete(incident=incident, level=1, note="", acting_user=users["mof"], now=RECEIVED)
    assert clock(incident, ClockKind.FORWARD).due_at == RECEIVED + timedelta(hours=1)


def _recovered(incident, user):
    at = AWARE_2026 + timedelta(hours=5)
    services.incident_mark_recovered(incident=incident, recovered_at=at, acting_user=user, now=at)


@pytest.mark.parametrize(
    ("superior", "authority", "errors"),
    [
        ("", "", {"superior_consent", "authority_consent"}),
        ("財政部 115.03.20", "", {"authority_consent"}),
        ("", "數位發展部 115.03.21", {"superior_consent"}),
    ],
)
def test_a_government_extension_needs_both_consents(world, users, superior, authority, errors):
    incident = file_incident(world["tax"], users["officer"], level=1)
    _recovered(incident, users["officer"])
    with pytest.raises(ValidationError) as error:
        services.incident_report_extend(
            incident=incident,
            due_on=date(2026, 5, 29),
            reason="Forensics.",
            superior_consent=superior,
            authority_consent=authority,
            acting_user=users["mof"],
            now=AWARE_2026 + timedelta(days=3),
        )
    assert set(error.value.error_dict) == errors
    assert incident.events.filter(kind=IncidentEvent.Kind.REPORT_EXTENDED).exists() is False


def test_an_sngo_extension_needs_the_sector_regulator_consent_and_records_it(world, users, sngo_officer):
    incident = file_incident(world["power"], sngo_officer, level=1)
    _recovered(incident, sngo_officer)
    services.incident_report_extend(
        incident=incident,
        due_on=date(2026, 5, 29),
        reason="Forensics.",
        superior_consent="經濟部 115.03.20 經授資字第1150001號",
        acting_user=users["moea"],
        now=AWARE_2026 + timedelta(days=3),
    )
    event = incident.events.get(kind=IncidentEvent.Kind.REPORT_EXTENDED)
    assert event.data["consents"] == {
        "sector_regulator": "經濟部 115.03.20 經授資字第1150001號",
        "citation": "資通安全事件通報及應變辦法第13條第3項",
    }


def test_the_data_migration_recomputes_a_re_timed_review_with_an_event(world, users):
    """Data from before 0004: a reviewer's change to level 3 had moved the level-1 review to 2 h."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("incidents.migrations.0004_recompute_review_deadlines")
    incident = file_incident(world["tax"], users["officer"], level=1)
    incident.clocks.filter(kind=ClockKind.REVIEW).update(due_at=RECEIVED + timedelta(hours=2))
    Incident.objects.filter(pk=incident.pk).update(level=3, notified_level=None)
    migration.recompute(apps, None)
    migration.recompute(apps, None)  # a second run changes nothing
    incident.refresh_from_db()
    assert (incident.notified_level, clock(incident, ClockKind.REVIEW).due_at) == (1, RECEIVED + timedelta(hours=8))
    event = incident.events.get(kind=IncidentEvent.Kind.CLOCKS_RECOMPUTED)
    assert (event.data["before"]["due_at"], event.data["after"]["due_at"]) == (
        "2026-03-01T20:20:00+00:00",  # 04:20 Taipei: 2 h after receipt
        "2026-03-02T02:20:00+00:00",  # 10:20 Taipei: 8 h after receipt
    )


REPORT = services.ReportContents(
    timeline="t",
    impact="i",
    recovery_course="r",
    investigation_course="v",
    root_cause="c",
    prevention="p",
    schedule="s",
)


def _report_accepted(incident, officer, reviewer):
    _recovered(incident, officer)
    later = AWARE_2026 + timedelta(days=5)
    services.incident_report_submit(incident=incident, contents=REPORT, acting_user=officer, now=later)
    services.incident_report_decide(
        incident=incident, accept=True, note="", acting_user=reviewer, now=later + timedelta(hours=1)
    )
    return later + timedelta(hours=1)


@pytest.mark.parametrize(("level", "sent_on"), [(2, False), (3, True), (4, True)])
def test_an_sngo_major_report_is_sent_on_to_the_competent_authority_after_review(
    world, users, sngo_officer, level, sent_on
):
    """Art 13 ¶5: levels 3–4 only, once the sector regulator has reviewed (accepted) the report."""
    from common.models import OutboundNotification

    incident = file_incident(world["power"], sngo_officer, level=level)
    accepted = _report_accepted(incident, sngo_officer, users["moea"])
    assert incident.report_forwarded_at == (accepted if sent_on else None)
    events = incident.events.filter(kind=IncidentEvent.Kind.REPORT_FORWARDED)
    assert [(e.actor, e.data["citation"]) for e in events] == (
        [(users["moea"], "資通安全事件通報及應變辦法第13條第5項")] if sent_on else []
    )
    assert OutboundNotification.objects.filter(incident=incident, topic="report_forwarded").exists() is sent_on


def test_a_government_major_report_is_not_sent_on_under_art_13(world, users):
    incident = file_incident(world["tax"], users["officer"], level=3)
    _report_accepted(incident, users["officer"], users["mof"])
    assert incident.report_forwarded_at is None
