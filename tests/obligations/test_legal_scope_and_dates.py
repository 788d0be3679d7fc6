"""Issue 8, written from the law and the official FAQ/checklist: who owes which item, which rule set is in force
on which day (中央法規標準法 §13), and that a yearly item for year Y is due within Y."""

from datetime import date

import pytest

from obligations.models import Obligation, RuleSet
from tests.obligations.helpers import agency_for_scope, approve_level

pytestmark = pytest.mark.django_db

R2019 = "資通安全責任等級分級辦法 應辦事項 (2019)"
R2021 = "資通安全責任等級分級辦法 應辦事項 (2021)"
R2026 = "資通安全責任等級分級辦法 應辦事項 (2026)"


def _codes(agency, year=None):
    rows = Obligation.objects.filter(agency=agency).exclude(status="superseded")
    if year:
        rows = rows.filter(year=year)
    return set(rows.values_list("requirement__code", flat=True))


@pytest.mark.parametrize(
    ("name", "promulgated", "effective_from", "effective_to"),
    [
        (R2019, date(2018, 11, 21), date(2019, 1, 1), date(2021, 8, 24)),  # in force by order from 2019-01-01
        (R2021, date(2021, 8, 23), date(2021, 8, 25), date(2026, 1, 6)),  # 自發布日施行 → the third day
        (R2026, date(2026, 1, 5), date(2026, 1, 7), None),
    ],
)
def test_rule_set_dates_follow_the_promulgation(name, promulgated, effective_from, effective_to):
    rule_set = RuleSet.objects.get(name=name)
    assert (rule_set.promulgated_on, rule_set.effective_from, rule_set.effective_to) == (
        promulgated,
        effective_from,
        effective_to,
    )
    assert rule_set.status == "published"


@pytest.mark.parametrize(
    ("approved_on", "rule_set"),
    [
        (date(2019, 1, 1), R2019),
        (date(2021, 8, 24), R2019),  # promulgated 08-23, not yet in force on 08-24
        (date(2021, 8, 25), R2021),
        (date(2026, 1, 6), R2021),
        (date(2026, 1, 7), R2026),
    ],
)
def test_an_approval_finds_the_rule_set_in_force_that_day(approved_on, rule_set):
    agency = agency_for_scope("government", core_systems=1)
    approve_level(agency, "B", approved_on)
    one_off = Obligation.objects.filter(agency=agency, requirement__deadline_years__isnull=False)
    assert one_off.exists()
    assert set(one_off.values_list("rule_set__name", flat=True)) == {rule_set}


@pytest.mark.parametrize("level", ["A", "B"])
def test_gcb_and_edr_bind_government_agencies_only(level):
    government = agency_for_scope("government", core_systems=1)
    snga = agency_for_scope("sngo", core_systems=1)
    ci_provider = agency_for_scope("ci_only", core_systems=1)
    for agency in (government, snga, ci_provider):
        approve_level(agency, level, date(2026, 3, 16))
    assert {"tech-gcb", "tech-edr"} <= _codes(government)
    assert {"tech-gcb", "tech-edr"} & (_codes(snga) | _codes(ci_provider)) == set()


def test_competency_certificates_are_government_only_an_snga_owes_professional_certificates():
    government = agency_for_scope("government")
    snga = agency_for_scope("sngo")
    approve_level(government, "B", date(2026, 3, 16))
    approve_level(snga, "B", date(2026, 3, 16))
    gov_row = Obligation.objects.get(agency=government, requirement__code="aware-certificates").requirement
    snga_row = Obligation.objects.get(agency=snga, requirement__code="aware-certificates").requirement
    assert gov_row.agency_scope == "government" and "職能評量證書" in gov_row.text_zh
    assert snga_row.agency_scope == "sngo" and "專業證照" in snga_row.text_zh
    assert "職能評量證書各" not in snga_row.text_zh


@pytest.mark.parametrize(("scope", "owes"), [("government", True), ("ci_only", True), ("sngo", False)])
def test_vans_binds_government_agencies_and_ci_providers(scope, owes):
    agency = agency_for_scope(scope)
    approve_level(agency, "C", date(2026, 3, 16))
    assert ("tech-vuln-management" in _codes(agency)) is owes


CORE_ITEMS = {"tech-vuln-scan", "tech-pentest", "mgmt-bcp-drill", "mgmt-isms"}


@pytest.mark.parametrize("level", ["A", "B", "C"])
def test_core_system_items_are_not_owed_without_a_core_system(level):
    none = agency_for_scope("government", core_systems=0)
    two = agency_for_scope("government", core_systems=2)
    approve_level(none, level, date(2026, 3, 16))
    approve_level(two, level, date(2026, 3, 16))
    assert _codes(none) & CORE_ITEMS == set()
    assert CORE_ITEMS <= _codes(two)
    assert Obligation.objects.filter(agency=two, requirement__code="tech-pentest").count() in (0, 2)  # 1/2 y: 2026
    assert len(set(Obligation.objects.filter(agency=two, requirement__code="mgmt-isms").values_list("pk"))) == 1


def test_yearly_item_for_a_year_ending_on_a_saturday_is_due_within_that_year():
    agency = agency_for_scope("government")
    approve_level(agency, "B", date(2022, 3, 1))  # 2022-12-31 is a Saturday
    audit = Obligation.objects.get(agency=agency, requirement__code="mgmt-internal-audit", year=2022)
    assert audit.due_on == date(2022, 12, 31)
    assert audit.due_at.astimezone(audit.due_at.tzinfo).year == 2022


def test_one_off_within_one_year_counts_from_the_day_after_the_approval():
    agency = agency_for_scope("government")
    approve_level(agency, "C", date(2027, 2, 28))  # counting from 2027-03-01 → 2028-03-01 → 2028-02-29 (Tue)
    staff = Obligation.objects.get(agency=agency, requirement__code="mgmt-security-staff")
    assert (staff.nominal_due_on, staff.due_on) == (date(2028, 2, 29), date(2028, 2, 29))
