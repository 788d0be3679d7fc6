"""分級辦法 Arts 3–8 and 中央法規標準法 §13, from the text: criteria fit the agency's kind; re-approval rules carry
their promulgation and effective dates; the cycle is a §48 period counted from the day after."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from infrastructure import rules, services
from infrastructure.models import CIDesignation, LevelCycleRule
from tests.factories import AgencyFactory


@pytest.mark.parametrize(
    ("code", "kind", "ci", "fits"),
    [
        ("A-5", "government", False, True),  # 屬公務機關
        ("A-5", "sngo", True, False),
        ("B-5", "sngo", False, False),
        ("A-6", "sngo", True, True),  # 屬關鍵基礎設施提供者
        ("A-6", "sngo", False, False),
        ("A-6", "government", False, False),
        ("B-6", "government", True, False),
        ("E-2", "sngo", False, False),
        ("E-3", "government", False, False),
        ("E-3", "sngo", False, True),
        ("A-3", "sngo", False, True),  # 各機關
        ("C-1", "government", False, True),
    ],
)
def test_criterion_fits_the_agency_kind(code, kind, ci, fits):
    assert rules.criterion_fits(code, agency_kind=kind, is_ci_provider=ci) is fits


@pytest.mark.django_db
def test_a_proposal_citing_a_ci_criterion_for_an_undesignated_snga_is_refused():
    regulator = AgencyFactory()
    snga = AgencyFactory(kind="sngo", sngo_category="state_owned", regulator=regulator)
    with pytest.raises(ValidationError) as error:
        services.level_propose(agency=snga, level="A", criteria=["A-6"])
    assert "A-6" in str(error.value)
    CIDesignation.objects.create(agency=snga, designated_by=regulator, designated_on=date(2024, 1, 1))
    assert services.level_propose(agency=snga, level="A", criteria=["A-6"]).level == "A"


@pytest.mark.django_db
def test_a_government_agency_cannot_cite_the_snga_e_criterion():
    with pytest.raises(ValidationError):
        services.level_propose(agency=AgencyFactory(kind="government"), level="E", criteria=["E-3"])


@pytest.mark.django_db
def test_cycle_rules_record_promulgation_and_take_effect_on_the_third_day():
    rows = list(LevelCycleRule.objects.order_by("effective_from").values_list(
        "promulgated_on", "effective_from", "effective_to", "cycle_years"
    ))  # fmt: skip
    assert rows == [
        (date(2018, 11, 21), date(2019, 1, 1), date(2026, 1, 6), 2),
        (date(2026, 1, 5), date(2026, 1, 7), None, 3),
    ]


@pytest.mark.parametrize(
    ("effective_from", "years", "due"),
    [
        (date(2022, 2, 28), 2, date(2024, 2, 29)),  # counting from 03-01 → 2024-03-01 → 02-29
        (date(2024, 2, 29), 2, date(2026, 2, 28)),
        (date(2024, 3, 15), 2, date(2026, 3, 15)),
    ],
)
def test_reapproval_due_is_a_period_counted_from_the_day_after(effective_from, years, due):
    assert rules.reapproval_due(effective_from=effective_from, cycle_years=years) == due
