"""When required items fall due: pure functions over requirement data (no ORM, no settings, no now()).

- A one-off item is due "within N years after the level is first approved or changed" (分級辦法 Art 11,
  附表一～八): a §48 period of N years counted from the approval's effective date.
- A periodic item is "c times per p years": periods of p years start in the year of the approval
  (the anchor) and then every p years; occurrence k of c is due at the end of the k-th of c equal calendar
  slots (2 per year → 30 June and 31 December; "每年辦理一次" for year Y → 31 December of Y). A frequency is not
  a period counted from an event, so the rest-day rule does not carry it into the next year
  (common.periods.calendar_slot_end).
- A one-off end is a 行政程序法 §48 period end on the agency's Taiwan calendar (rest day → next working day).
- Items about core information systems (condition ``has_core_system``; per-core-system items) are not owed by
  an agency with none ("C級機關如無核心資通系統…針對核心資通系統之項目則無須辦理", MODA/ACS FAQ 03/636).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from common.periods import CITATION as PERIOD_CITATION
from common.periods import PeriodEnd, RestDayCheck, calendar_slot_end, period_end


@dataclass(frozen=True)
class RequirementSpec:
    id: int
    code: str
    agency_scope: str
    frequency_count: int | None
    frequency_years: int | None
    deadline_years: int | None
    per_core_system: bool
    conditions: tuple[str, ...]
    citation: str

    @property
    def is_one_off(self) -> bool:
        return self.deadline_years is not None


@dataclass(frozen=True)
class Occurrence:
    sequence: int
    core_system_id: int | None
    period_start: date
    due: PeriodEnd
    rule: str
    citation: str


def applies(*, spec: RequirementSpec, agency_kind: str, is_ci_provider: bool, facts: Mapping[str, bool]) -> bool:
    """Does the item bind this agency? Scope (government / SNGA / both / CI providers only) and conditions;
    an unknown fact counts as true (the law applies unless the agency shows otherwise)."""
    scope_ok = {
        "both": True,
        "government": agency_kind == "government",
        "sngo": agency_kind == "sngo",
        "ci_only": agency_kind == "sngo" and is_ci_provider,
    }[spec.agency_scope]
    return scope_ok and all(facts.get(condition, True) for condition in spec.conditions)


def occurrences(
    *, spec: RequirementSpec, year: int, anchor: date, core_system_ids: tuple[int, ...], is_rest_day: RestDayCheck
) -> list[Occurrence]:
    """The occurrences an assignment for ``year`` creates, for a level in force since ``anchor``."""
    timings = (
        _one_off(spec, year, anchor, is_rest_day) if spec.is_one_off else _periodic(spec, year, anchor, is_rest_day)
    )
    systems = core_system_ids if spec.per_core_system else (None,)
    return [
        Occurrence(
            sequence=sequence,
            core_system_id=system,
            period_start=start,
            due=due,
            rule=rule,
            citation=f"{spec.citation}; {PERIOD_CITATION}" if due.citation else spec.citation,
        )
        for sequence, start, due, rule in timings
        for system in systems
    ]


def _one_off(spec, year, anchor, is_rest_day):
    if year < anchor.year:
        return []
    due = period_end(start=anchor, years=spec.deadline_years, is_rest_day=is_rest_day)
    if due.due_on.year < year:
        return []
    return [(1, anchor, due, f"within {spec.deadline_years} y of level approval {anchor.isoformat()}")]


def _periodic(spec, year, anchor, is_rest_day):
    count, years = spec.frequency_count, spec.frequency_years
    if year < anchor.year or (year - anchor.year) % years:
        return []
    start = date(year, 1, 1)
    result = []
    for k in range(1, count + 1):
        due = calendar_slot_end(first_year=year, years=years, slot=k, slots=count)
        if due.nominal_end < anchor:
            continue  # fell due before this level took effect
        result.append((k, start, due, f"{count} per {years} y, #{k}: by {due.due_on.isoformat()}"))
    return result


def fixed_date_end(*, day: date, is_rest_day: RestDayCheck) -> PeriodEnd:
    """A due date set as a calendar day (ad-hoc obligations, filings): §48 IV still moves a rest day."""
    return period_end(start=day - timedelta(days=1), days=1, is_rest_day=is_rest_day)


def assignment_key(
    *, decision_id: int, requirement_id: int, occurrence: Occurrence, year: int, is_one_off: bool
) -> str:
    """Unique per occurrence, so re-running an assignment creates nothing twice."""
    period = "once" if is_one_off else str(year)
    return f"d{decision_id}:r{requirement_id}:{period}:{occurrence.sequence}:s{occurrence.core_system_id or 0}"


def adhoc_key(*, adhoc_id: int, agency_id: int) -> str:
    return f"adhoc{adhoc_id}:a{agency_id}"
