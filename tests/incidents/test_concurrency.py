"""Two reviewers at once, on two PostgreSQL connections: one wins, the other gets a clear conflict, never a
stale overwrite (the transition locks the row with select_for_update(no_key=True) and re-checks it; see
common/conflicts.py and tests/races.py for the harness).

Run on PostgreSQL: ``scripts/with-servers.sh .venv/bin/python -m pytest -q tests/incidents/test_concurrency.py``.
"""

from datetime import date, datetime, timedelta

import pytest

from common.periods import TAIPEI
from incidents import rules, services
from incidents.models import Incident
from incidents.rules import IncidentStatus
from incidents.services import common
from tests.incidents.conftest import AWARE_2026, file_incident
from tests.races import POSTGRESQL_ONLY, Side, assert_one_wins_one_conflicts, race

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), POSTGRESQL_ONLY]

REPORT = services.ReportContents(
    timeline="t",
    impact="i",
    recovery_course="r",
    investigation_course="v",
    root_cause="c",
    prevention="p",
    schedule="s",
)
SUBMITTED_AT = datetime(2026, 3, 20, 9, 0, tzinfo=TAIPEI)


def _fresh(incident):
    return lambda: Incident.objects.get(pk=incident.pk)  # what the reviewer's page was built from


def test_two_reviewers_at_once_one_wins_one_gets_a_conflict(world, users):
    incident = file_incident(world["tax"], users["officer"], level=2)
    now = AWARE_2026 + timedelta(hours=1)
    confirm = Side(
        load=_fresh(incident),
        act=lambda loaded: services.incident_review_complete(
            incident=loaded, level=2, note="", acting_user=users["mof"], now=now
        ),
    )
    raise_level = Side(
        load=_fresh(incident),
        act=lambda stale: services.incident_review_complete(
            incident=stale, level=3, note="Looks worse.", acting_user=users["moda"], now=now + timedelta(seconds=1)
        ),
    )

    outcome = race(first=confirm, second=raise_level)

    assert_one_wins_one_conflicts(outcome, message=str(rules.ALREADY_REVIEWED))
    incident.refresh_from_db()
    assert (incident.level, incident.reviewed_by, incident.status) == (2, users["mof"], IncidentStatus.LEVEL_CONFIRMED)
    assert incident.events.filter(kind__in=("level_confirmed", "level_changed")).count() == 1


@pytest.fixture
def incident_with_report_submitted(world, users) -> Incident:
    incident = file_incident(world["tax"], users["officer"], level=2)
    reviewed = incident.reported_at + timedelta(minutes=30)
    services.incident_review_complete(incident=incident, level=2, note="", acting_user=users["mof"], now=reviewed)
    recovered = AWARE_2026 + timedelta(hours=20)
    services.incident_mark_recovered(
        incident=incident, recovered_at=recovered, acting_user=users["officer"], now=recovered
    )
    services.incident_report_submit(incident=incident, contents=REPORT, acting_user=users["officer"], now=SUBMITTED_AT)
    return incident


def test_two_reviewers_decide_one_investigation_report_at_once_the_first_decision_stands(
    incident_with_report_submitted, users
):
    incident = incident_with_report_submitted
    accept = Side(
        load=_fresh(incident),
        act=lambda loaded: services.incident_report_decide(
            incident=loaded, accept=True, note="", acting_user=users["mof"], now=SUBMITTED_AT + timedelta(days=1)
        ),
    )
    ask_more = Side(
        load=_fresh(incident),
        act=lambda stale: services.incident_report_decide(
            incident=stale,
            accept=False,
            note="Root cause unclear.",
            acting_user=users["moda"],
            now=SUBMITTED_AT + timedelta(days=1, seconds=1),
        ),
    )

    outcome = race(first=accept, second=ask_more)

    assert_one_wins_one_conflicts(outcome, message=str(common.REPORT_ALREADY_DECIDED))
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.REPORT_ACCEPTED
    assert list(incident.reports.values_list("decision", "decided_by")) == [("accepted", users["mof"].pk)]
    assert incident.events.filter(kind__in=("report_accepted", "explanation_requested")).count() == 1


def test_a_measure_added_while_the_incident_is_being_closed_is_refused(incident_with_report_submitted, users):
    incident = incident_with_report_submitted
    services.incident_report_decide(
        incident=incident, accept=True, note="", acting_user=users["mof"], now=SUBMITTED_AT + timedelta(days=1)
    )
    close = Side(
        load=_fresh(incident),
        act=lambda loaded: services.incident_close(
            incident=loaded, acting_user=users["mof"], now=SUBMITTED_AT + timedelta(days=2)
        ),
    )
    add_measure = Side(
        load=_fresh(incident),
        act=lambda stale: services.improvement_measure_add(
            incident=stale,
            category="technical",
            description="MFA for VPN",
            owner="資訊室",
            due_on=date(2026, 6, 30),
            acting_user=users["officer"],
            now=SUBMITTED_AT + timedelta(days=2, seconds=1),
        ),
    )

    outcome = race(first=close, second=add_measure)

    assert_one_wins_one_conflicts(outcome, message=str(common.INCIDENT_CLOSED_NO_MEASURES))
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.CLOSED
    assert incident.measures.exists() is False
    assert incident.events.filter(kind="measure_added").exists() is False
