"""Pure rules: no database. Boundary instants for every clock and level, 2021 vs 2026, the Art. 2 table,
the workflow, the §48 month for the report."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from common.periods import TAIPEI, weekend_only
from incidents import rules
from incidents.rules import Availability as A
from incidents.rules import ClockState, ImpactAnswers, IncidentStatus
from incidents.rules import InformationScope as I
from incidents.rules import OperationScope as O
from incidents.rules import Severity as S

R2021 = rules.RuleSetData(
    code="2021-08-23",
    effective_from=date(2021, 8, 23),
    effective_to=date(2026, 1, 4),
    forward_levels_government=(1, 2, 3, 4),
    forward_levels_sngo=(3, 4),
    citations={"recover": {"government": "第6條第1項", "sngo": "第13條第1項"}},
)
R2026 = rules.RuleSetData(
    code="2026-01-05",
    effective_from=date(2026, 1, 5),
    effective_to=None,
    forward_levels_government=(1, 2, 3, 4),
    forward_levels_sngo=(1, 2, 3, 4),
)
AWARE = datetime(2026, 3, 2, 2, 0, tzinfo=TAIPEI)  # 2 a.m. in Taipei


@pytest.mark.parametrize(("level", "hours"), [(1, 72), (2, 72), (3, 36), (4, 36)])
def test_recover_deadline_is_aware_plus_72_or_36_hours(level, hours):
    deadline = rules.recover_deadline(R2026, aware_at=AWARE, level=level, agency_kind=rules.GOVERNMENT)
    assert deadline.due_at == AWARE + timedelta(hours=hours)
    assert deadline.kind == rules.ClockKind.RECOVER


@pytest.mark.parametrize(("level", "hours"), [(1, 72), (2, 72), (3, 36), (4, 36)])
@pytest.mark.parametrize(
    ("offset", "state"), [(timedelta(0), ClockState.MET), (timedelta(seconds=1), ClockState.MISSED)]
)
def test_recover_clock_at_the_boundary_instant(level, hours, offset, state):
    due = rules.recover_deadline(R2026, aware_at=AWARE, level=level, agency_kind=rules.SNGO).due_at
    status = rules.clock_status(
        due_at=due, met_at=AWARE + timedelta(hours=hours) + offset, now=AWARE + timedelta(days=9)
    )
    assert status.state == state
    assert status.minutes == (0 if state == ClockState.MET else 1)


@pytest.mark.parametrize("level", [1, 2, 3, 4])
@pytest.mark.parametrize(
    ("offset", "state"), [(timedelta(0), ClockState.MET), (timedelta(seconds=1), ClockState.MISSED)]
)
def test_notify_clock_is_one_hour_for_every_level(level, offset, state):
    due = rules.notify_deadline(R2021, aware_at=AWARE, agency_kind=rules.GOVERNMENT).due_at
    assert due == AWARE + timedelta(hours=1)
    assert rules.clock_status(due_at=due, met_at=AWARE + timedelta(hours=1) + offset, now=AWARE).state == state


@pytest.mark.parametrize(("level", "hours"), [(1, 8), (2, 8), (3, 2), (4, 2)])
@pytest.mark.parametrize(
    ("offset", "state"), [(timedelta(0), ClockState.MET), (timedelta(seconds=1), ClockState.MISSED)]
)
def test_review_clock_is_8_or_2_hours_from_receipt(level, hours, offset, state):
    received = AWARE + timedelta(minutes=40)
    due = rules.review_deadline(R2021, received_at=received, level=level, agency_kind=rules.SNGO).due_at
    assert due == received + timedelta(hours=hours)
    assert rules.clock_status(due_at=due, met_at=due + offset, now=due).state == state


@pytest.mark.parametrize(
    ("now_offset", "state", "minutes"),
    [
        (timedelta(hours=-1), ClockState.RUNNING, 60),
        (timedelta(0), ClockState.RUNNING, 0),
        (timedelta(seconds=1), ClockState.OVERDUE, 1),
        (timedelta(minutes=61), ClockState.OVERDUE, 61),
    ],
)
def test_open_clock_runs_until_the_instant_then_is_overdue(now_offset, state, minutes):
    due = AWARE + timedelta(hours=36)
    status = rules.clock_status(due_at=due, met_at=None, now=due + now_offset)
    assert (status.state, status.minutes) == (state, minutes)


def test_met_clock_reports_minutes_to_spare():
    due = AWARE + timedelta(hours=1)
    assert rules.clock_status(due_at=due, met_at=AWARE + timedelta(minutes=17), now=due) == rules.ClockStatus(
        ClockState.MET, 43
    )


@pytest.mark.parametrize(
    ("aware", "code"),
    [
        (datetime(2021, 8, 23, 0, 0, tzinfo=TAIPEI), "2021-08-23"),
        (datetime(2026, 1, 4, 23, 59, 59, tzinfo=TAIPEI), "2021-08-23"),
        (datetime(2026, 1, 4, 16, 0, tzinfo=UTC), "2026-01-05"),  # 2026-01-05 00:00 in Taipei
        (datetime(2026, 1, 5, 0, 0, tzinfo=TAIPEI), "2026-01-05"),
    ],
)
def test_rule_set_is_chosen_by_the_taipei_date_of_awareness(aware, code):
    assert rules.rule_set_for([R2021, R2026], aware_at=aware).code == code


def test_no_rule_set_before_2021_raises():
    with pytest.raises(LookupError):
        rules.rule_set_for([R2021, R2026], aware_at=datetime(2020, 1, 1, tzinfo=TAIPEI))


@pytest.mark.parametrize(
    ("ruleset", "kind", "level", "required"),
    [
        (R2021, rules.SNGO, 1, False),
        (R2021, rules.SNGO, 2, False),
        (R2021, rules.SNGO, 3, True),
        (R2021, rules.SNGO, 4, True),
        (R2021, rules.GOVERNMENT, 1, True),
        (R2026, rules.SNGO, 1, True),
        (R2026, rules.SNGO, 2, True),
        (R2026, rules.GOVERNMENT, 2, True),
    ],
)
def test_forward_within_one_hour_2021_vs_2026(ruleset, kind, level, required):
    assert rules.forward_required(ruleset, level=level, agency_kind=kind) is required


def test_forward_deadline_is_one_hour_after_the_review():
    reviewed = AWARE + timedelta(hours=1, minutes=30)
    assert rules.forward_deadline(R2026, reviewed_at=reviewed, agency_kind=rules.SNGO).due_at == reviewed + timedelta(
        hours=1
    )


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        rules.notify_deadline(R2026, aware_at=datetime(2026, 3, 2, 2, 0), agency_kind=rules.GOVERNMENT)


# --- report: one calendar month, §48 ---


def _report_due(recovered: datetime, is_rest_day=weekend_only) -> datetime:
    return rules.report_deadline(
        R2026, recovered_at=recovered, agency_kind=rules.GOVERNMENT, is_rest_day=is_rest_day
    ).due_at


@pytest.mark.parametrize(
    ("recovered", "due"),
    [
        # Jan 31 → the month has no 31st: the last day of February (2028 is a leap year)
        (datetime(2027, 1, 31, 15, 0, tzinfo=TAIPEI), datetime(2027, 3, 1, 23, 59, 59, tzinfo=TAIPEI)),  # Feb 28 = Sun
        (datetime(2028, 1, 31, 15, 0, tzinfo=TAIPEI), datetime(2028, 2, 29, 23, 59, 59, tzinfo=TAIPEI)),  # Tue
        (datetime(2026, 3, 10, 9, 0, tzinfo=TAIPEI), datetime(2026, 4, 10, 23, 59, 59, tzinfo=TAIPEI)),  # Fri
        # ends on a Saturday → Monday at noon (§48 IV)
        (datetime(2026, 4, 9, 9, 0, tzinfo=TAIPEI), datetime(2026, 5, 11, 12, 0, tzinfo=TAIPEI)),
        # the Taipei date counts, not the UTC one: 2026-03-10 23:30 UTC is 2026-03-11 in Taipei
        # (nominal end Sat 2026-04-11 → Monday noon)
        (datetime(2026, 3, 10, 23, 30, tzinfo=UTC), datetime(2026, 4, 13, 12, 0, tzinfo=TAIPEI)),
    ],
)
def test_report_due_one_calendar_month_after_recovery(recovered, due):
    assert _report_due(recovered) == due


def test_report_due_moves_past_a_holiday():
    holidays = {date(2026, 10, 9), date(2026, 10, 10)}  # e.g. 國慶日 and a bridge day off

    def is_rest_day(day):
        return weekend_only(day) or day in holidays

    recovered = datetime(2026, 9, 9, 10, 0, tzinfo=TAIPEI)  # nominal end Fri 2026-10-09, a day off
    assert _report_due(recovered, is_rest_day) == datetime(2026, 10, 12, 23, 59, 59, tzinfo=TAIPEI)


# --- Art. 2 decision table ---


# Art. 2 ¶2–5 as written (2021-08-23 text): (severity, scope) → level, per subparagraph. Leak (款1) and
# tampering (款2) name the same five kinds of information; the operation (款3) names three kinds of business.
INFORMATION_TABLE = [
    (S.MINOR, I.NON_CORE, 1),  # ¶2: 非核心業務資訊遭輕微洩漏／竄改
    (S.SERIOUS, I.NON_CORE, 2),  # ¶3: 非核心業務資訊遭嚴重洩漏／竄改
    (S.MINOR, I.CORE, 2),  # ¶3: 未涉及關鍵基礎設施維運之核心業務資訊遭輕微…
    (S.SERIOUS, I.CORE, 3),  # ¶4: 未涉及關鍵基礎設施維運之核心業務資訊遭嚴重…
    (S.MINOR, I.OFFICIAL_SECRET, 3),  # ¶4: 一般公務機密、敏感資訊…遭輕微…
    (S.MINOR, I.CORE_CI, 3),  # ¶4: 涉及關鍵基礎設施維運之核心業務資訊遭輕微…
    (S.SERIOUS, I.OFFICIAL_SECRET, 4),  # ¶5: 一般公務機密、敏感資訊…遭嚴重…
    (S.SERIOUS, I.CORE_CI, 4),  # ¶5: 涉及關鍵基礎設施維運之核心業務資訊遭嚴重…
    (S.MINOR, I.NATIONAL_SECRET, 4),  # ¶5: 國家機密遭洩漏／竄改 (however slight)
    (S.SERIOUS, I.NATIONAL_SECRET, 4),
]
OPERATION_TABLE = [
    (A.RECOVERED_IN_TIME, O.NON_CORE, 1),  # ¶2(3): 非核心業務…於可容忍中斷時間內回復
    (A.NOT_RECOVERED_IN_TIME, O.NON_CORE, 2),  # ¶3(3): 非核心業務…無法於可容忍中斷時間內回復
    (A.RECOVERED_IN_TIME, O.CORE, 2),  # ¶3(3): 未涉及關鍵基礎設施維運之核心業務…回復
    (A.NOT_RECOVERED_IN_TIME, O.CORE, 3),  # ¶4(3)
    (A.RECOVERED_IN_TIME, O.CORE_CI, 3),  # ¶4(3): 涉及關鍵基礎設施維運之核心業務…回復
    (A.NOT_RECOVERED_IN_TIME, O.CORE_CI, 4),  # ¶5(3)
]
DECISION_TABLE = [
    *[
        (ImpactAnswers(confidentiality=s, confidentiality_scope=i), lv, f"第{lv + 1}項第1款")
        for s, i, lv in INFORMATION_TABLE
    ],
    *[(ImpactAnswers(integrity=s, integrity_scope=i), lv, f"第{lv + 1}項第2款") for s, i, lv in INFORMATION_TABLE],
    *[(ImpactAnswers(availability=a, availability_scope=o), lv, f"第{lv + 1}項第3款") for a, o, lv in OPERATION_TABLE],
]


@pytest.mark.parametrize(("answers", "level", "citation"), DECISION_TABLE)
def test_level_decision_table(answers, level, citation):
    proposal = rules.propose_level(answers)
    assert proposal.level == level
    assert proposal.citation == f"資通安全事件通報及應變辦法第2條{citation}"


def test_the_decision_table_covers_every_answer_once():
    assert len(DECISION_TABLE) == 26
    assert {(s, i) for s, i, _ in INFORMATION_TABLE} == {(s, i) for s in (S.MINOR, S.SERIOUS) for i in I}
    assert {(a, o) for a, o, _ in OPERATION_TABLE} == {
        (a, o) for a in (A.RECOVERED_IN_TIME, A.NOT_RECOVERED_IN_TIME) for o in O
    }


def test_level_is_the_highest_dimension_and_names_its_criterion():
    answers = ImpactAnswers(confidentiality=S.MINOR, availability=A.NOT_RECOVERED_IN_TIME, availability_scope=O.CORE)
    proposal = rules.propose_level(answers)
    assert (proposal.level, proposal.dimension, proposal.reason) == (3, "availability", "core_not_recovered")


def test_each_dimension_keeps_its_own_qualifiers():
    """A national secret leaked slightly is level 4 (¶5(1)); the non-core system that was only slightly
    tampered with in the same incident stays level 1 on its own (¶2(2)), and a non-core service that
    recovered in time level 1 (¶2(3)): the classified flag raises only the dimension it belongs to."""
    leak = ImpactAnswers(confidentiality=S.MINOR, confidentiality_scope=I.NATIONAL_SECRET)
    tampered = ImpactAnswers(integrity=S.MINOR, integrity_scope=I.NON_CORE)
    stopped = ImpactAnswers(availability=A.RECOVERED_IN_TIME, availability_scope=O.NON_CORE)
    assert [rules.propose_level(a).level for a in (leak, tampered, stopped)] == [4, 1, 1]
    together = ImpactAnswers(
        confidentiality=S.NONE, confidentiality_scope=I.NATIONAL_SECRET,  # nothing leaked: the scope does not count
        integrity=S.MINOR, integrity_scope=I.NON_CORE,
        availability=A.RECOVERED_IN_TIME, availability_scope=O.CORE_CI,
    )  # fmt: skip
    proposal = rules.propose_level(together)
    assert (proposal.level, proposal.dimension, proposal.citation) == (
        3, "availability", "資通安全事件通報及應變辦法第2條第4項第3款"
    )  # fmt: skip


def test_a_core_system_that_stopped_does_not_make_a_leak_of_non_core_data_core():
    answers = ImpactAnswers(
        confidentiality=S.SERIOUS, confidentiality_scope=I.NON_CORE,
        availability=A.RECOVERED_IN_TIME, availability_scope=O.CORE,
    )  # fmt: skip
    proposal = rules.propose_level(answers)
    assert (proposal.level, proposal.dimension) == (2, "confidentiality")  # both 2: the first dimension named wins


def test_nothing_affected_proposes_no_level():
    assert rules.propose_level(ImpactAnswers()) is None


# --- workflow ---

HAPPY_PATH = [
    IncidentStatus.DRAFT,
    IncidentStatus.REPORTED,
    IncidentStatus.UNDER_REVIEW,
    IncidentStatus.LEVEL_CONFIRMED,
    IncidentStatus.FORWARDED,
    IncidentStatus.CONTAINING,
    IncidentStatus.RECOVERED,
    IncidentStatus.REPORT_SUBMITTED,
    IncidentStatus.EXPLANATION_REQUESTED,
    IncidentStatus.REPORT_SUBMITTED,
    IncidentStatus.REPORT_ACCEPTED,
    IncidentStatus.CLOSED,
]


@pytest.mark.parametrize(("current", "new"), list(zip(HAPPY_PATH, HAPPY_PATH[1:], strict=False)))
def test_allowed_transitions_along_the_workflow(current, new):
    rules.ensure_transition(current, new)


@pytest.mark.parametrize(
    ("current", "new"),
    [
        (IncidentStatus.DRAFT, IncidentStatus.RECOVERED),
        (IncidentStatus.DRAFT, IncidentStatus.LEVEL_CONFIRMED),  # (reported → recovered is allowed: Art 6 ¶1)
        (IncidentStatus.RECOVERED, IncidentStatus.CLOSED),
        (IncidentStatus.CLOSED, IncidentStatus.REPORTED),
        (IncidentStatus.REPORT_ACCEPTED, IncidentStatus.REPORT_SUBMITTED),
        (IncidentStatus.RECOVERED, IncidentStatus.LEVEL_CHANGED),
    ],
)
def test_forbidden_transitions_raise_with_the_exact_message(current, new):
    with pytest.raises(ValidationError) as error:
        rules.ensure_transition(current, new)
    assert error.value.messages == [
        f"An incident that is “{IncidentStatus(current).label}” cannot become “{IncidentStatus(new).label}”."
    ]


def test_every_status_has_a_transition_entry():
    assert set(rules.TRANSITIONS) == set(IncidentStatus.values)


# --- drills ---


def test_drill_periods_two_social_engineering_one_response_per_year():
    periods = rules.drill_periods(2026)
    assert [(p.kind, p.starts_on, p.ends_on) for p in periods] == [
        ("social_engineering", date(2026, 1, 1), date(2026, 6, 30)),
        ("social_engineering", date(2026, 7, 1), date(2026, 12, 31)),
        ("incident_response", date(2026, 1, 1), date(2026, 12, 31)),
    ]


def test_drill_results_due_one_month_after_the_drill():
    assert rules.drill_results_due(conducted_on=date(2026, 5, 29), is_rest_day=weekend_only).due_on == date(2026, 6, 29)
