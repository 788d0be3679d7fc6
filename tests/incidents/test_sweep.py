"""The minute sweep: warnings at the configured lead time, escalation when missed, never twice."""

from datetime import timedelta

import pytest

from common.models import OutboundNotification
from incidents import services
from incidents.models import AlertLeadTime, IncidentAlert, IncidentClock, IncidentEvent
from incidents.rules import ClockKind
from tests.incidents.conftest import AWARE_2026, file_incident

pytestmark = pytest.mark.django_db


def _sweep(now):
    return services.incident_clock_sweep(now=now, deliver=False)


def test_review_warning_15_minutes_before_then_escalation_after(world, users):
    incident = file_incident(world["tax"], users["officer"], level=3)  # review due at aware + 2 h 20 min
    review_due = AWARE_2026 + timedelta(hours=2, minutes=20)

    assert _sweep(review_due - timedelta(minutes=16)) == services.SweepResult(0, 0, 0)
    assert _sweep(review_due - timedelta(minutes=15)) == services.SweepResult(1, 0, 0)
    assert _sweep(review_due - timedelta(minutes=14)) == services.SweepResult(0, 0, 0)  # ran again: nothing new
    assert _sweep(review_due) == services.SweepResult(0, 0, 0)  # at the instant: still on time
    assert _sweep(review_due + timedelta(seconds=1)) == services.SweepResult(0, 1, 0)
    assert _sweep(review_due + timedelta(minutes=1)) == services.SweepResult(0, 0, 0)

    alerts = list(IncidentAlert.objects.filter(incident=incident).order_by("id").values_list("clock_kind", "kind"))
    assert alerts == [("review", "major"), ("review", "warning"), ("review", "escalation")]
    escalation = IncidentAlert.objects.get(incident=incident, kind="escalation")
    assert escalation.notification.recipients == ["moda@example.gov.tw", "mof@example.gov.tw", "officer@example.gov.tw"]
    assert escalation.notification.topic == "escalation"
    assert incident.events.filter(kind=IncidentEvent.Kind.ALERTED).count() == 2


def test_a_late_sweep_escalates_without_a_stale_warning(world, users):
    file_incident(world["tax"], users["officer"], level=1)  # review due at +8 h 20 min
    result = _sweep(AWARE_2026 + timedelta(hours=9))
    assert result == services.SweepResult(0, 1, 0)
    assert IncidentAlert.objects.filter(kind="warning").exists() is False


def test_recovery_warning_uses_the_six_hour_lead_time_from_data(world, users):
    incident = file_incident(world["tax"], users["officer"], level=3)
    IncidentClock.objects.filter(incident=incident, kind=ClockKind.REVIEW).update(met_at=AWARE_2026)
    recover_due = AWARE_2026 + timedelta(hours=36)
    assert _sweep(recover_due - timedelta(hours=6, seconds=1)).warnings == 0
    assert _sweep(recover_due - timedelta(hours=6)).warnings == 1
    AlertLeadTime.objects.filter(clock_kind="recover").update(lead_minutes=12 * 60)  # operators tune data
    incident2 = file_incident(world["tax"], users["officer"], level=3, title="Second")
    IncidentClock.objects.filter(incident=incident2, kind=ClockKind.REVIEW).update(met_at=AWARE_2026)
    assert _sweep(recover_due - timedelta(hours=11)).warnings == 1


def test_a_moved_deadline_may_be_warned_again_but_the_old_one_never(world, users):
    incident = file_incident(world["tax"], users["officer"], level=1)
    review_due = AWARE_2026 + timedelta(hours=8, minutes=20)
    assert _sweep(review_due - timedelta(minutes=10)).warnings == 1
    services.incident_renotify(
        incident=incident,
        acting_user=users["officer"],
        now=AWARE_2026 + timedelta(hours=4),
        description="d",
        measures_taken="m",
        external_support_needed=False,
        external_support="",
        other_matters="",
        level=3,
        level_reason="Core system.",
    )
    # The renewed notification with level 3 is a new notification: reviewed within 2 h of *its* receipt
    # (Art 5 ¶1 "於接獲後二小時內"), not 2 h from the first report (which would be overdue already).
    new_due = AWARE_2026 + timedelta(hours=6)
    assert IncidentClock.objects.get(incident=incident, kind="review").due_at == new_due
    assert _sweep(AWARE_2026 + timedelta(hours=4, minutes=1)) == services.SweepResult(0, 0, 0)
    assert _sweep(new_due - timedelta(minutes=10)).warnings == 1  # the new deadline is warned once
    assert _sweep(new_due - timedelta(minutes=5)).warnings == 0


def test_sweep_task_is_registered_under_the_beat_name():
    from celery import current_app
    from django.conf import settings

    name = settings.CELERY_BEAT_SCHEDULE["incident-clock-sweep"]["task"]
    assert name == "incidents.tasks.incident_clock_sweep_task"
    current_app.loader.import_default_modules()  # what a worker does at start: autodiscover the apps' tasks
    assert name in current_app.tasks


def test_sweep_counts_match_outbox_rows(world, users):
    file_incident(world["tax"], users["officer"], level=3)
    before = OutboundNotification.objects.count()
    result = _sweep(AWARE_2026 + timedelta(hours=40))
    assert result.escalations == 2  # review and recover
    assert OutboundNotification.objects.count() == before + 2
