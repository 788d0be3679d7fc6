"""Report fixtures (imported by the documents tests): hand-counted obligations (rows written directly with explicit statuses and due dates,
so every figure in the snapshot can be counted by hand) on top of the shared ``world``/``users``."""

from datetime import date, datetime, time, timedelta

import pytest

from common.roc import TAIPEI
from obligations.models import EvidenceSubmission, Obligation, Requirement
from tests.incidents.conftest import level3_tax_incident_reported_20min_after_awareness  # noqa: F401

NOW = datetime(2027, 1, 20, 9, 0, tzinfo=TAIPEI)  # the 2026 reports are written in January 2027


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


def requirement(code: str) -> Requirement:
    return Requirement.objects.filter(code=code).order_by("pk").first()


_sequence = iter(range(1, 10**6))


def obligation(
    agency,
    code: str,
    *,
    year: int = 2026,
    due_on: date,
    status: str = "open",
    level: str = "C",
    submitted_at: datetime | None = None,
    reviewer=None,
) -> Obligation:
    """One occurrence; ``accepted`` needs ``submitted_at`` (on time when not after the due instant)."""
    due_at = datetime.combine(due_on + timedelta(days=1), time.min, tzinfo=TAIPEI)
    row = Obligation.objects.create(
        agency=agency,
        year=year,
        level=level,
        requirement=requirement(code),
        assignment_key=f"test-{next(_sequence)}",
        period_start=date(year, 1, 1),
        due_on=due_on,
        due_at=due_at,
        nominal_due_on=due_on,
        due_rule="test",
        due_citation="test",
        status=status,
        exempt_basis="test basis" if status == "exempt" else "",
    )
    if submitted_at is not None:
        EvidenceSubmission.objects.create(
            obligation=row,
            submitted_by=reviewer,
            submitted_at=submitted_at,
            review="accepted" if status == "accepted" else "pending",
            reviewed_by=reviewer,
        )
    return row
