"""Audit procedure rules (稽核辦法). Pure: no ORM, no settings, no clock.

Sources (verbatim in ../shared/domain/law/A0030306.json and sources/audit-and-other.txt):
- 2021 特定非公務機關資通安全維護計畫實施情形稽核辦法 (A0030306) Art 4 I: the audit plan is notified in
  writing one month before (於一個月前以書面通知); Art 4 II–III: the auditee may ask, within five days of
  receiving the notice and with reasons, for another date — once, unless force majeure; Art 6: a team of
  three or more, government representatives not fewer than a quarter of the members, written conflict and
  confidentiality undertakings, recusal for relations (employment …) now or within the past two years;
  Art 7: the audit report within one month after the quarter's audits are completed; Art 8: the
  improvement report within one month after the report is delivered.
- 2026 資通安全維護計畫實施情形稽核辦法 (14 articles) keeps these steps and extends them to government
  agencies (Art 11: corrective action report within one month of the report).
Periods are counted by 行政程序法 §48 through common.periods (docs/legal-decisions.md, "Audits").
"""

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.periods import nominal_end
from common.workflow import Workflow

ART_NOTICE = "稽核辦法第4條第1項"
ART_RESCHEDULE = "稽核辦法第4條第2項、第3項"
ART_TEAM = "稽核辦法第6條"
ART_REPORT = "稽核辦法第7條"
ART_IMPROVEMENT = "稽核辦法第8條"

NOTICE_MONTHS = 1
RESCHEDULE_DAYS = 5
RESCHEDULE_LIMIT = 1
TEAM_MINIMUM = 3
GOVERNMENT_SHARE = Fraction(1, 4)
CONFLICT_LOOKBACK_YEARS = 2
REPORT_MONTHS = 1
IMPROVEMENT_MONTHS = 1


class AuditStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    NOTIFIED = "notified", _("Notified")
    RESCHEDULE_REQUESTED = "reschedule_requested", _("New date requested")
    FIELDWORK = "fieldwork", _("Audit under way")
    REPORT_ISSUED = "report_issued", _("Audit report issued")
    IMPROVEMENT_SUBMITTED = "improvement_submitted", _("Improvement report submitted")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


S = AuditStatus
TRANSITIONS: dict[str, frozenset[str]] = {
    S.PLANNED: frozenset({S.NOTIFIED, S.CANCELLED}),
    S.NOTIFIED: frozenset({S.RESCHEDULE_REQUESTED, S.FIELDWORK, S.CANCELLED}),
    S.RESCHEDULE_REQUESTED: frozenset({S.NOTIFIED, S.CANCELLED}),
    S.FIELDWORK: frozenset({S.REPORT_ISSUED}),
    S.REPORT_ISSUED: frozenset({S.IMPROVEMENT_SUBMITTED, S.CLOSED}),
    S.IMPROVEMENT_SUBMITTED: frozenset({S.REPORT_ISSUED, S.CLOSED}),
    S.CLOSED: frozenset(),
    S.CANCELLED: frozenset(),
}
TERMINAL = frozenset({S.CLOSED, S.CANCELLED})


class Result(models.TextChoices):
    CONFORMS = "conforms", _("Conforms")
    PARTIAL = "partial", _("Partly conforms")
    NONCONFORMING = "nonconforming", _("Does not conform")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class FindingKind(models.TextChoices):
    DEFICIENCY = "deficiency", _("Deficiency")
    TO_IMPROVE = "to_improve", _("To be improved")
    SUGGESTION = "suggestion", _("Suggestion")


class Severity(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("Improvement under way")
    CLOSED = "closed", _("Closed and verified")


FINDING_TRANSITIONS: dict[str, frozenset[str]] = {
    FindingStatus.OPEN: frozenset({FindingStatus.IN_PROGRESS, FindingStatus.CLOSED}),
    FindingStatus.IN_PROGRESS: frozenset({FindingStatus.CLOSED}),
    FindingStatus.CLOSED: frozenset(),
}
# Findings that need an improvement measure (Art 8: 缺失或待改善者); a suggestion does not.
NEEDS_IMPROVEMENT = frozenset({FindingKind.DEFICIENCY, FindingKind.TO_IMPROVE})


class Applicability(models.TextChoices):
    ALL = "all", _("All agencies")
    LEVELS_A_B = "levels_a_b", _("Level A and B agencies only")
    SECTOR_REGULATORS = "sector_regulators", _("Sector regulators only")


# The shared machine (common/workflow.py). An audit step repeated is refused like any other (no conflict).
WORKFLOW = Workflow(AuditStatus, TRANSITIONS, refused=_("An audit that is “%(current)s” cannot become “%(new)s”."))
can_transition = WORKFLOW.can_transition
ensure_transition = WORKFLOW.ensure_transition


def earliest_audit_day(notice_on: date) -> date:
    """Art 4 I: the first day on which an audit notified on ``notice_on`` may take place.

    The month of notice is a §48 period that starts the day after the notice; the audit may take place
    once that month has run in full, i.e. on the day after its last day (docs/legal-decisions.md).
    """
    return nominal_end(start=notice_on, months=NOTICE_MONTHS) + timedelta(days=1)


def notice_is_timely(*, notice_on: date, audit_on: date) -> bool:
    return audit_on >= earliest_audit_day(notice_on)


def reschedule_window_end(received_on: date) -> date:
    """Art 4 II: the nominal last day for asking a new date (five days after receipt, §48 II)."""
    return nominal_end(start=received_on, days=RESCHEDULE_DAYS)


@dataclass(frozen=True)
class Member:
    is_government_representative: bool


def team_problems(members: list[Member]) -> list[str]:
    """Art 6 I–II: three or more members, government representatives ≥ ¼ of all. Messages, not codes."""
    problems = []
    if len(members) < TEAM_MINIMUM:
        problems.append(_("An audit team needs at least three members (Art. 6 I)."))
    government = sum(1 for member in members if member.is_government_representative)
    if members and Fraction(government, len(members)) < GOVERNMENT_SHARE:
        problems.append(_("At least a quarter of the team must be government representatives (Art. 6 II)."))
    return problems


@dataclass(frozen=True)
class Employment:
    agency_id: int
    ended_on: date | None  # None: still employed


def employment_conflict(*, employments: list[Employment], auditee_ids: set[int], audit_on: date) -> bool:
    """Art 6 IV(2): employed by the auditee (or an agency above or within it) now or within two years."""
    horizon = _years_before(audit_on, CONFLICT_LOOKBACK_YEARS)
    return any(
        job.agency_id in auditee_ids and (job.ended_on is None or job.ended_on >= horizon) for job in employments
    )


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def applies_to(applicability: str, *, level: str | None, is_sector_regulator: bool) -> bool:
    """Whether a checklist item applies to the auditee (its applicability note, e.g. 【A、B級機關適用】)."""
    if applicability == Applicability.LEVELS_A_B:
        return level in ("A", "B")
    if applicability == Applicability.SECTOR_REGULATORS:
        return is_sector_regulator
    return True


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_end(year: int, quarter: int) -> date:
    return date(year + (quarter == 4), quarter * 3 % 12 + 1, 1) - timedelta(days=1)
