"""Beat (or the workers) down for an hour (issue 15): the next sweeps catch up within their time budget, each
run stopping after its budget and the next going on where it stopped, and every alert goes out exactly once.
The budget is counted on a clock that ticks one second per look (the sweep reads nothing else of time), so
"bounded" is exact here; bench/bench_incidents.py measures the real seconds for 100,000 open incidents."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import mail

from common.models import OutboundNotification
from incidents import services
from incidents.models import IncidentAlert
from incidents.services import sweep
from tests.incidents.conftest import AWARE_2026, file_incident

pytestmark = pytest.mark.django_db

REVIEW_DUE = AWARE_2026 + timedelta(hours=2, minutes=20)  # a level-3 notification's review (filed 20 min after)


@pytest.fixture
def ticking(monkeypatch):
    """The sweep's monotonic clock advances one second each time it is read; batches of two clocks."""
    seconds = iter(range(10**6))
    monkeypatch.setattr(sweep, "time", SimpleNamespace(monotonic=lambda: float(next(seconds))))
    monkeypatch.setattr(sweep, "BATCH", 2)


def test_after_an_hour_without_beat_each_escalation_goes_out_once_over_bounded_runs(world, users, ticking):
    incidents = [file_incident(world["tax"], users["officer"], level=3) for _ in range(5)]
    outage_over = REVIEW_DUE + timedelta(hours=1)  # every review deadline passed while nothing ran
    budget = 3  # seconds on the ticking clock: two batch starts, then the budget is spent

    runs = [
        services.incident_clock_sweep(now=outage_over + timedelta(minutes=n), budget_seconds=budget) for n in range(3)
    ]

    assert [(run.escalations, run.warnings, run.backlog) for run in runs] == [
        (4, 0, True),
        (1, 0, False),
        (0, 0, False),
    ]
    escalations = IncidentAlert.objects.filter(kind=IncidentAlert.Kind.ESCALATION)
    assert sorted(escalations.values_list("incident_id", "clock_kind")) == sorted(
        (incident.pk, "review") for incident in incidents
    )  # once each, and no stale warning for the deadlines that passed during the outage
    assert not IncidentAlert.objects.filter(kind=IncidentAlert.Kind.WARNING).exists()
    sent = OutboundNotification.objects.filter(topic="escalation")
    assert (sent.count(), sent.filter(sent_at__isnull=True).count()) == (5, 0)
    assert len(mail.outbox) == OutboundNotification.objects.filter(sent_at__isnull=False).count()  # none twice
