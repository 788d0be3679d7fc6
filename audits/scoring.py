"""Risk-ranked audit target suggestions. Pure.

稽核辦法 (2021) Art 3 II names what the choice must weigh: the importance and sensitivity of the
agency's business, the scale of its systems, the frequency and severity of incidents, drill results and
past audits. csma turns these into a documented score; every part is shown beside the total so the
regulator sees why an agency is suggested, and may pick another with a reason.

| part | points |
|---|---|
| responsibility level | A 30, B 20, C 10, D 4, E 0 |
| critical-infrastructure provider | 10 |
| incidents of the last 3 years | level 1: 2, level 2: 4, level 3: 8, level 4: 12 each (at most 30) |
| legal clocks missed in those incidents | 3 each (at most 15) |
| obligations overdue now | 1 each (at most 15) |
| audit findings still open | 2 each (at most 10) |
| years since the last audit | 3 a year, never audited counts as 5 years (at most 15) |
| drills failed in the last 3 years | 3 each (at most 9) |
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

LEVEL_POINTS = {"A": 30, "B": 20, "C": 10, "D": 4, "E": 0}
CI_POINTS = 10
INCIDENT_POINTS = {1: 2, 2: 4, 3: 8, 4: 12}
NEVER_AUDITED_YEARS = 5
LOOKBACK_YEARS = 3


@dataclass(frozen=True)
class TargetFacts:
    agency_id: int
    level: str | None
    is_ci_provider: bool = False
    incidents_by_level: dict[int, int] = field(default_factory=dict)
    clocks_missed: int = 0
    obligations_overdue: int = 0
    open_findings: int = 0
    years_since_audit: int | None = None  # None: never audited
    drills_failed: int = 0


@dataclass(frozen=True)
class ScorePart:
    label: str
    points: int


@dataclass(frozen=True)
class Score:
    agency_id: int
    total: int
    parts: tuple[ScorePart, ...]


def _capped(value: int, cap: int) -> int:
    return min(value, cap)


def score(facts: TargetFacts) -> Score:
    years = NEVER_AUDITED_YEARS if facts.years_since_audit is None else facts.years_since_audit
    incident_points = sum(INCIDENT_POINTS.get(level, 0) * count for level, count in facts.incidents_by_level.items())
    parts = (
        ScorePart(_("Responsibility level"), LEVEL_POINTS.get(facts.level or "", 0)),
        ScorePart(_("Critical-infrastructure provider"), CI_POINTS if facts.is_ci_provider else 0),
        ScorePart(_("Incidents of the last three years"), _capped(incident_points, 30)),
        ScorePart(_("Legal clocks missed"), _capped(3 * facts.clocks_missed, 15)),
        ScorePart(_("Obligations overdue"), _capped(facts.obligations_overdue, 15)),
        ScorePart(_("Audit findings still open"), _capped(2 * facts.open_findings, 10)),
        ScorePart(_("Years since the last audit"), _capped(3 * years, 15)),
        ScorePart(_("Drills failed"), _capped(3 * facts.drills_failed, 9)),
    )
    return Score(agency_id=facts.agency_id, total=sum(part.points for part in parts), parts=parts)


def rank(all_facts: list[TargetFacts]) -> list[Score]:
    """Highest score first; ties by agency id so the order is stable."""
    return sorted((score(facts) for facts in all_facts), key=lambda s: (-s.total, s.agency_id))
