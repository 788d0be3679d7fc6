"""The audit procedure rules, at their boundaries, written from 稽核辦法 (2021 A0030306; 2026 text)."""

from datetime import date

import pytest

from audits import rules, scoring
from audits.rules import Applicability, Employment, Member


@pytest.mark.parametrize(
    ("notice_on", "earliest"),
    [
        # Art 4 I + 行政程序法 §48 II–III: the month counts from the day after the notice and ends the day
        # before the corresponding day; the audit may take place once it has run in full.
        (date(2026, 3, 2), date(2026, 4, 3)),
        (date(2026, 1, 31), date(2026, 3, 1)),  # counted from 02-01: no 03-01 eve → ends 02-28
        (date(2026, 2, 28), date(2026, 4, 1)),  # counted from 03-01: ends 03-31 (not 03-28)
        (date(2026, 12, 15), date(2027, 1, 16)),
    ],
)
def test_earliest_audit_day_after_a_full_month_of_notice(notice_on, earliest):
    assert rules.earliest_audit_day(notice_on) == earliest
    assert rules.notice_is_timely(notice_on=notice_on, audit_on=earliest)
    assert not rules.notice_is_timely(notice_on=notice_on, audit_on=date.fromordinal(earliest.toordinal() - 1))


def test_reschedule_window_is_five_days_after_receipt():
    # Art 4 II: 收受前項通知後五日內; §48 II: the day of receipt is not counted.
    assert rules.reschedule_window_end(date(2026, 3, 2)) == date(2026, 3, 7)


@pytest.mark.parametrize(
    ("government", "others", "problems"),
    [
        (1, 2, 0),  # 3 members, 1/3 government
        (1, 3, 0),  # 4 members, exactly a quarter
        (1, 4, 1),  # 5 members, 1/5 < 1/4
        (0, 3, 1),  # no government representative
        (1, 1, 1),  # two members only
        (0, 2, 2),  # two members, none from government
    ],
)
def test_team_size_and_government_share(government, others, problems):
    members = [Member(True)] * government + [Member(False)] * others
    assert len(rules.team_problems(members)) == problems


@pytest.mark.parametrize(
    ("ended_on", "conflict"),
    [
        (None, True),  # still employed
        (date(2024, 5, 10), True),  # ended exactly two years before the audit: within the two years
        (date(2024, 5, 9), False),
    ],
)
def test_employment_conflict_within_two_years(ended_on, conflict):
    jobs = [Employment(agency_id=7, ended_on=ended_on)]
    assert rules.employment_conflict(employments=jobs, auditee_ids={7}, audit_on=date(2026, 5, 10)) is conflict
    assert not rules.employment_conflict(employments=jobs, auditee_ids={8}, audit_on=date(2026, 5, 10))


def test_applicability_notes():
    assert rules.applies_to(Applicability.LEVELS_A_B, level="B", is_sector_regulator=False)
    assert not rules.applies_to(Applicability.LEVELS_A_B, level="C", is_sector_regulator=False)
    assert not rules.applies_to(Applicability.LEVELS_A_B, level=None, is_sector_regulator=False)
    assert rules.applies_to(Applicability.SECTOR_REGULATORS, level="C", is_sector_regulator=True)
    assert not rules.applies_to(Applicability.SECTOR_REGULATORS, level="A", is_sector_regulator=False)
    assert rules.applies_to(Applicability.ALL, level=None, is_sector_regulator=False)


def test_quarters():
    assert [rules.quarter_of(date(2026, m, 1)) for m in (1, 3, 4, 6, 7, 9, 10, 12)] == [1, 1, 2, 2, 3, 3, 4, 4]
    assert rules.quarter_end(2026, 1) == date(2026, 3, 31)
    assert rules.quarter_end(2026, 4) == date(2026, 12, 31)


def test_audit_states_end_in_closed_or_cancelled():
    assert rules.TRANSITIONS[rules.AuditStatus.CLOSED] == frozenset()
    assert rules.can_transition(rules.AuditStatus.PLANNED, rules.AuditStatus.NOTIFIED)
    assert not rules.can_transition(rules.AuditStatus.PLANNED, rules.AuditStatus.FIELDWORK)
    # an explanation request sends the improvement report back (Art 8 I)
    assert rules.can_transition(rules.AuditStatus.IMPROVEMENT_SUBMITTED, rules.AuditStatus.REPORT_ISSUED)


def test_risk_score_parts_and_caps():
    facts = scoring.TargetFacts(
        agency_id=1,
        level="A",
        is_ci_provider=True,
        incidents_by_level={1: 2, 3: 1, 4: 2},
        clocks_missed=6,
        obligations_overdue=3,
        open_findings=1,
        years_since_audit=None,
        drills_failed=1,
    )
    result = scoring.score(facts)
    points = [part.points for part in result.parts]
    # level A 30, CI 10, incidents 2·2+8+2·12=36 capped 30, clocks 18 capped 15, overdue 3, findings 2,
    # never audited = 5 years · 3 = 15, drills 3
    assert points == [30, 10, 30, 15, 3, 2, 15, 3]
    assert result.total == 108


def test_ranking_is_highest_first_and_stable():
    ranked = scoring.rank(
        [
            scoring.TargetFacts(agency_id=2, level="C", years_since_audit=1),
            scoring.TargetFacts(agency_id=1, level="C", years_since_audit=1),
            scoring.TargetFacts(agency_id=3, level="A", years_since_audit=1),
        ]
    )
    assert [s.agency_id for s in ranked] == [3, 1, 2]
