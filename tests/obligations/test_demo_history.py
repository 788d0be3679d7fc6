"""The demo history: four past years, deterministic from the seed, mostly complete with a spread."""

import random
from datetime import date

import pytest

from infrastructure.models import Agency
from obligations.demo_history import _outcome, load_obligations_history
from obligations.models import EvidenceSubmission, Obligation
from reports import figures
from tests.factories import AgencyFactory
from tests.obligations.helpers import approve_level

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 26)


@pytest.fixture
def graded_agencies(world, users):
    for number in range(40):
        approve_level(AgencyFactory(name=f"示範機關{number}"), "ABCDE"[number % 5], date(2026, 3, 16))
    return users


def _history(users, seed):
    return load_obligations_history(seed=seed, today=TODAY, officer=users["officer"], reviewer=users["moda"])


def _snapshot():
    return list(
        Obligation.objects.filter(assignment_key__startswith="demo-history")
        .order_by("assignment_key")
        .values_list("assignment_key", "status")
    )


def test_history_is_deterministic_and_mostly_complete(graded_agencies):
    counts = _history(graded_agencies, seed=7)
    first = _snapshot()
    assert counts["history obligations"] == len(first) > 0
    assert {key.split(":")[3] for key, _status in first} == {"2022", "2023", "2024", "2025"}
    statuses = {status for _key, status in first}
    assert {"accepted", "exempt"} <= statuses
    for year in (2022, 2023, 2024, 2025):
        total = figures.compliance_total(agencies=Agency.objects.all(), year=year, today=TODAY)
        assert total.counted == total.assigned  # every past item is due
        assert total.rate is not None and 70 <= total.rate < 100
    late = sum(
        figures.compliance_total(agencies=Agency.objects.all(), year=y, today=TODAY).accepted_late
        for y in (2022, 2023, 2024, 2025)
    )
    assert late > 0
    assert EvidenceSubmission.objects.filter(review="returned").exists()


def test_outcomes_depend_only_on_the_seed():
    def draw(seed):
        rng = random.Random(seed)
        return [_outcome(rng, back=back) for back in (1, 2, 3, 4) for _ in range(500)]

    assert draw(3) == draw(3) != draw(4)
    outcomes = draw(3)
    assert outcomes.count("on_time") > 0.7 * len(outcomes)
    assert {"overdue", "returned", "exempt", "resubmitted", "late", "awaiting"} <= set(outcomes)
