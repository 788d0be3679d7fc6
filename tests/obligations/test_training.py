from datetime import date
from decimal import Decimal

import pytest

from obligations.models import StaffingRecord, TrainingRecord
from obligations.rules.training import dedicated_staff_required, training_checks
from obligations.selectors.people import people_overview

D = Decimal


def test_dedicated_staff_need_twelve_professional_hours_a_year():
    checks = training_checks(
        year=2026,
        hours=[("王", "dedicated", "professional", 2026, D(9)), ("王", "dedicated", "professional", 2025, D(20))],
    )
    assert [(c.person, c.done, c.missing, c.is_met) for c in checks] == [("王", D(9), D(3), False)]


def test_it_staff_professional_hours_count_over_two_years_but_general_hours_yearly():
    checks = training_checks(
        year=2026, hours=[("林", "it", "professional", 2025, D(3)), ("林", "it", "general", 2025, D(3))]
    )
    assert [(c.target.category, c.done, c.is_met) for c in checks] == [
        ("professional", D(3), True),
        ("general", D(0), False),
    ]


def test_professional_hours_do_not_count_as_general_awareness():
    checks = training_checks(year=2026, hours=[("陳", "general", "professional", 2026, D(8))])
    assert [(c.target.category, c.done, c.is_met) for c in checks] == [("general", D(0), False)]


@pytest.mark.parametrize(("level", "staff"), [("A", 4), ("B", 2), ("C", 1), ("D", 0), (None, 0)])
def test_dedicated_staff_by_level(level, staff):
    assert dedicated_staff_required(level) == staff


@pytest.mark.django_db
def test_people_overview_feeds_the_checks_from_records(world):
    from infrastructure.models import LevelDecision

    tax = world["tax"]
    LevelDecision.objects.create(
        agency=tax, level="B", status="approved", effective_from=date(2026, 1, 1), decided_at="2026-01-01T00:00:00Z"
    )
    StaffingRecord.objects.create(agency=tax, year=2026, dedicated_headcount=1)
    for hours, day in ((D(8), date(2026, 3, 1)), (D(4), date(2026, 9, 1))):
        TrainingRecord.objects.create(
            agency=tax,
            person_name="張家豪",
            person_role="dedicated",
            category="professional",
            course="資安課程",
            hours=hours,
            completed_on=day,
        )
    overview = people_overview(agency=tax, today=date(2026, 6, 1), year=2026)
    assert [(c.person, c.done, c.is_met) for c in overview["training_checks"]] == [("張家豪", D(12), True)]
    assert (overview["staff_required"], overview["staff_recorded"]) == (2, 1)
