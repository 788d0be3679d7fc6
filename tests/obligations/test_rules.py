"""Every requirement row of both shipped rule sets → the right occurrences and due dates (parametrised), for an
agency approved on a given date; the due dates are written out by hand from the Taiwan calendar."""

import sys
from datetime import date, datetime, time
from pathlib import Path

import pytest

from obligations.models import Obligation, Requirement, RuleSet
from tests.obligations.helpers import TAIPEI, agency_for_scope, approve_level

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "obligations" / "migrations"))
import _rule_data  # noqa: E402

pytestmark = pytest.mark.django_db

# Rule set → (approval date, assignment year, timing → expected due dates).
EXPECTED = {
    _rule_data.RULESET_2019["name"]: (
        date(2020, 3, 16),
        {  # a Monday
            "1y": [date(2021, 3, 16)],
            "2y": [date(2022, 3, 16)],
            "3y": [date(2023, 3, 16)],
            "2/1": [date(2020, 6, 30), date(2020, 12, 31)],
            "1/1": [date(2020, 12, 31)],
            "1/2": [date(2021, 12, 31)],
        },
    ),
    _rule_data.RULESET_2021["name"]: (
        date(2024, 3, 15),
        {  # a Friday
            "1y": [date(2025, 3, 17)],  # 2025-03-15 is a Saturday → Monday
            "2y": [date(2026, 3, 16)],  # Sunday → Monday
            "3y": [date(2027, 3, 15)],
            "2/1": [date(2024, 6, 30), date(2024, 12, 31)],  # a frequency slot: 06-30 stays though a Sunday
            "1/1": [date(2024, 12, 31)],
            "1/2": [date(2025, 12, 31)],
        },
    ),
    _rule_data.RULESET_2026["name"]: (
        date(2026, 3, 16),
        {  # a Monday
            "1y": [date(2027, 3, 16)],
            "2y": [date(2028, 3, 16)],
            "3y": [date(2029, 3, 16)],
            "2/1": [date(2026, 6, 30), date(2026, 12, 31)],
            "1/1": [date(2026, 12, 31)],
            "1/2": [date(2027, 12, 31)],  # once in 2026–2027: due within 2027, not moved into 2028
        },
    ),
}
CORE_SYSTEMS = 2


def _timing(record) -> str:
    if record["deadline_years"]:
        return f"{record['deadline_years']}y"
    return f"{record['frequency_count']}/{record['frequency_years']}"


CASES = [
    pytest.param(
        ruleset,
        record,
        id=f"{ruleset['effective_from'][:4]}-{record['code']}-{record['level']}-{record['agency_scope']}",
    )
    for ruleset, record in _rule_data.all_records()
]


def test_every_row_is_shipped():
    assert Requirement.objects.count() == len(CASES)
    assert RuleSet.objects.filter(status="published").count() == 3


@pytest.mark.parametrize(("ruleset", "record"), CASES)
def test_requirement_row_occurrences_and_due_dates(ruleset, record):
    approved_on, table = EXPECTED[ruleset["name"]]
    requirement = Requirement.objects.get(
        rule_set__name=ruleset["name"], code=record["code"], level=record["level"], agency_scope=record["agency_scope"]
    )
    agency = agency_for_scope(record["agency_scope"], core_systems=CORE_SYSTEMS)

    approve_level(agency, record["level"], approved_on)

    rows = list(
        Obligation.objects.filter(agency=agency, requirement=requirement, year=approved_on.year).order_by(
            "due_on", "core_system"
        )
    )
    per_system = CORE_SYSTEMS if record["per_core_system"] else 1
    expected = sorted(day for day in table[_timing(record)] for _ in range(per_system))
    assert [row.due_on for row in rows] == expected
    assert all(requirement.citation in row.due_citation for row in rows)
    one_off = record["deadline_years"] is not None
    assert all(("行政程序法第48條" in row.due_citation) is one_off for row in rows)  # frequencies are not §48 periods
    assert {row.level for row in rows} == {record["level"]}
    if record["per_core_system"]:
        assert len({row.core_system_id for row in rows}) == CORE_SYSTEMS


def test_saturday_end_is_due_at_noon_on_monday():
    agency = agency_for_scope("government")
    approve_level(agency, "A", date(2024, 3, 15))
    staff = Obligation.objects.get(agency=agency, requirement__code="mgmt-security-staff")
    assert (staff.nominal_due_on, staff.due_on) == (date(2025, 3, 15), date(2025, 3, 17))
    assert staff.due_at == datetime.combine(date(2025, 3, 17), time(12, 0), tzinfo=TAIPEI)


def test_ci_only_rows_skip_a_snga_that_is_not_a_ci_provider():
    agency = agency_for_scope("sngo", core_systems=1)
    approve_level(agency, "A", date(2026, 3, 16))
    assert Obligation.objects.filter(agency=agency, requirement__code="mgmt-maturity").exists() is False
    assert Obligation.objects.filter(agency=agency, requirement__code="mgmt-isms").count() == 1


def test_condition_false_skips_the_row():
    from obligations.models import AgencyFacts

    agency = agency_for_scope("government")
    AgencyFacts.objects.create(agency=agency, has_mail_server=False)
    approve_level(agency, "C", date(2026, 3, 16))
    assert Obligation.objects.filter(agency=agency, requirement__code="tech-mail-filter").exists() is False
    assert Obligation.objects.filter(agency=agency, requirement__code="tech-antivirus").count() == 1


def test_per_core_system_without_core_systems_is_not_owed():
    agency = agency_for_scope("government")
    approve_level(agency, "A", date(2026, 3, 16))
    assert Obligation.objects.filter(agency=agency, requirement__code="tech-pentest").count() == 0
