"""The one "in force on a date" rule (common/versioning.py): both ends included, no end = open ended."""

from dataclasses import dataclass
from datetime import date

import pytest

from common import versioning
from obligations.models import RuleSet


@dataclass(frozen=True)
class Row:
    name: str
    effective_from: date
    effective_to: date | None = None


OLD = Row("2021", date(2021, 8, 25), date(2026, 1, 6))
NEW = Row("2026", date(2026, 1, 7))


@pytest.mark.parametrize(
    ("day", "names"),
    [
        (date(2021, 8, 24), []),  # the day before the first took effect
        (date(2021, 8, 25), ["2021"]),  # its first day
        (date(2026, 1, 6), ["2021"]),  # its last day
        (date(2026, 1, 7), ["2026"]),  # the next one's first day
        (date(2099, 12, 31), ["2026"]),  # open ended
    ],
)
def test_in_force_includes_both_ends(day, names):
    assert [row.name for row in versioning.in_force([OLD, NEW], day)] == names
    assert versioning.covers(OLD, day) is ("2021" in names)


def test_latest_in_force_is_the_one_that_took_effect_last():
    overlapping = Row("amendment", date(2025, 6, 1), date(2025, 12, 31))
    assert versioning.latest_in_force([overlapping, OLD, NEW], date(2025, 7, 1)) == overlapping
    assert versioning.latest_in_force([OLD, NEW], date(2020, 1, 1)) is None


@pytest.mark.django_db
def test_in_force_q_selects_the_same_rows_as_the_pure_rule():
    for row in (OLD, NEW):
        RuleSet.objects.create(
            name=f"test {row.name}", effective_from=row.effective_from, effective_to=row.effective_to
        )
    tests = RuleSet.objects.filter(name__startswith="test ")
    for day in (date(2021, 8, 24), date(2021, 8, 25), date(2026, 1, 6), date(2026, 1, 7)):
        expected = {f"test {row.name}" for row in versioning.in_force([OLD, NEW], day)}
        assert set(tests.filter(versioning.in_force_q(day)).values_list("name", flat=True)) == expected
