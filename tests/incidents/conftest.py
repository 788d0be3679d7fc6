"""Incident fixtures on top of the shared ``world``/``users``: notifications built with explicit times."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from common.periods import TAIPEI
from incidents import rules, services
from incidents.rules import Availability, ImpactAnswers, InformationScope, OperationScope, Severity

AWARE_2026 = datetime(2026, 3, 2, 2, 0, tzinfo=TAIPEI)  # Monday 2 a.m.
LEVEL_ANSWERS = {
    1: ImpactAnswers(confidentiality=Severity.MINOR),
    2: ImpactAnswers(confidentiality=Severity.MINOR, confidentiality_scope=InformationScope.CORE),
    3: ImpactAnswers(availability=Availability.NOT_RECOVERED_IN_TIME, availability_scope=OperationScope.CORE),
    4: ImpactAnswers(availability=Availability.NOT_RECOVERED_IN_TIME, availability_scope=OperationScope.CORE_CI),
}


def notification(*, impact: int = 1, aware_at: datetime = AWARE_2026, **overrides) -> services.NotificationInput:
    """Answers that the Art. 2 table turns into level ``impact``; ``level=`` overrides the proposal."""
    values = {
        "title": f"Level {impact} incident",
        "incident_type": "intrusion",
        "aware_at": aware_at,
        "occurred_at": aware_at - timedelta(minutes=30),
        "description": "Web server defaced.",
        "measures_taken": "Server isolated.",
        "answers": LEVEL_ANSWERS[impact],
    }
    values.update(overrides)
    return services.NotificationInput(**values)


def file_incident(
    agency,
    user,
    *,
    level: int = 1,
    aware_at: datetime = AWARE_2026,
    reported_after=timedelta(minutes=20),
    submit: bool = True,
    **overrides,
):
    return services.incident_report_create(
        agency=agency,
        data=notification(impact=level, aware_at=aware_at, **overrides),
        acting_user=user,
        now=aware_at + reported_after,
        submit=submit,
    )


def clock(incident, kind):
    return incident.clocks.get(kind=kind)


@pytest.fixture
def level3_tax_incident_reported_20min_after_awareness(world, users):
    return file_incident(world["tax"], users["officer"], level=3)


@pytest.fixture
def sngo_officer(world):
    from access import grants
    from access.policy import Role
    from tests.factories import UserFactory

    user = UserFactory(username="power-officer")
    grants.role_grant(user=user, role=Role.SECURITY_OFFICER, agency=world["power"], now=timezone.now())
    return user


__all__ = ["AWARE_2026", "clock", "file_incident", "notification", "rules"]
