"""The legal clocks of an incident, from a versioned rule set chosen by the date of awareness. Pure.

Hours run from the instant (行政程序法 §48 I); the investigation report's month is a calendar month with
the month-end and rest-day rules (§48 III–IV, common.periods), so it takes a rest-day predicate.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from common import versioning
from common.periods import TAIPEI, RestDayCheck, hours_after, period_end
from incidents.rules.levels import is_major

GOVERNMENT = "government"
SNGO = "sngo"


class ClockKind(models.TextChoices):
    NOTIFY = "notify", _("Notify by")  # 通報: aware + 1 h
    RENOTIFY = "renotify", _("Renewed notification by")  # 續行通報 after a level change
    REVIEW = "review", _("Review by")  # 審核: received + 8 h / 2 h
    FORWARD = "forward", _("Forward to the competent authority by")  # reviewed + 1 h
    RECOVER = "recover", _("Recover by")  # 損害控制或復原: aware + 72 h / 36 h
    REPORT = "report", _("Investigation report by")  # recovered + 1 month (§48)


@dataclass(frozen=True)
class RuleSetData:
    """One version of the incident rules (a row of IncidentRuleSet, as plain data)."""

    code: str
    effective_from: date
    effective_to: date | None
    notify_hours: int = 1
    renotify_hours: int = 1
    review_hours_minor: int = 8
    review_hours_major: int = 2
    forward_hours: int = 1
    forward_levels_government: tuple[int, ...] = (1, 2, 3, 4)
    forward_levels_sngo: tuple[int, ...] = (3, 4)
    recover_hours_minor: int = 72
    recover_hours_major: int = 36
    report_months: int = 1
    citations: dict = field(default_factory=dict)  # clock kind → {"government": …, "sngo": …}

    def applies_on(self, day: date) -> bool:
        return versioning.covers(self, day)

    def citation(self, kind: str, agency_kind: str) -> str:
        return self.citations.get(kind, {}).get(agency_kind, "")


@dataclass(frozen=True)
class Deadline:
    kind: str
    due_at: datetime
    citation: str


def _aware(instant: datetime, name: str) -> None:
    if instant.tzinfo is None:
        raise ValueError(f"{name} must be timezone-aware")


def rule_set_for(rule_sets: Iterable[RuleSetData], *, aware_at: datetime) -> RuleSetData:
    """The rule set in force on the day of awareness (Asia/Taipei), so old incidents keep their law."""
    _aware(aware_at, "aware_at")
    day = aware_at.astimezone(TAIPEI).date()
    matching = [rule_set for rule_set in rule_sets if rule_set.applies_on(day)]
    if len(matching) != 1:
        raise LookupError(f"{len(matching)} incident rule sets apply on {day}")
    return matching[0]


def notify_deadline(rules: RuleSetData, *, aware_at: datetime, agency_kind: str) -> Deadline:
    _aware(aware_at, "aware_at")
    return Deadline(
        ClockKind.NOTIFY, hours_after(aware_at, rules.notify_hours), rules.citation(ClockKind.NOTIFY, agency_kind)
    )


def renotify_deadline(rules: RuleSetData, *, changed_at: datetime, agency_kind: str) -> Deadline:
    _aware(changed_at, "changed_at")
    return Deadline(
        ClockKind.RENOTIFY,
        hours_after(changed_at, rules.renotify_hours),
        rules.citation(ClockKind.RENOTIFY, agency_kind),
    )


def review_deadline(rules: RuleSetData, *, received_at: datetime, level: int, agency_kind: str) -> Deadline:
    _aware(received_at, "received_at")
    hours = rules.review_hours_major if is_major(level) else rules.review_hours_minor
    return Deadline(ClockKind.REVIEW, hours_after(received_at, hours), rules.citation(ClockKind.REVIEW, agency_kind))


def forward_required(rules: RuleSetData, *, level: int, agency_kind: str) -> bool:
    """2021: government reviewers forward every level (Art 5 ¶3), sector regulators levels 3–4 only and
    levels 1–2 periodically (Art 12 ¶2); 2026: every level within 1 h (Arts 7 ¶2, 12 ¶2)."""
    levels = rules.forward_levels_sngo if agency_kind == SNGO else rules.forward_levels_government
    return level in levels


def forward_deadline(rules: RuleSetData, *, reviewed_at: datetime, agency_kind: str) -> Deadline:
    _aware(reviewed_at, "reviewed_at")
    return Deadline(
        ClockKind.FORWARD, hours_after(reviewed_at, rules.forward_hours), rules.citation(ClockKind.FORWARD, agency_kind)
    )


def recover_deadline(rules: RuleSetData, *, aware_at: datetime, level: int, agency_kind: str) -> Deadline:
    _aware(aware_at, "aware_at")
    hours = rules.recover_hours_major if is_major(level) else rules.recover_hours_minor
    return Deadline(ClockKind.RECOVER, hours_after(aware_at, hours), rules.citation(ClockKind.RECOVER, agency_kind))


def report_deadline(
    rules: RuleSetData, *, recovered_at: datetime, agency_kind: str, is_rest_day: RestDayCheck
) -> Deadline:
    """One calendar month after the day of recovery (§48 II–IV: the start day is not counted, a month with
    no matching day ends on its last day, a rest-day end moves to the next working day)."""
    _aware(recovered_at, "recovered_at")
    end = period_end(start=recovered_at.astimezone(TAIPEI).date(), months=rules.report_months, is_rest_day=is_rest_day)
    citation = f"{rules.citation(ClockKind.REPORT, agency_kind)}; {end.citation}"
    return Deadline(ClockKind.REPORT, end.due_at, citation)


# --- met / missed ---------------------------------------------------------------------------------


class ClockState(models.TextChoices):
    RUNNING = "running", _("Running")
    MET = "met", _("Met")
    MISSED = "missed", _("Missed")  # done late, or not done and past due
    OVERDUE = "overdue", _("Overdue")  # not done and past due (still open)


@dataclass(frozen=True)
class ClockStatus:
    state: str
    minutes: int  # met: minutes to spare; missed/overdue: minutes late; running: minutes left

    @property
    def is_late(self) -> bool:
        return self.state in (ClockState.MISSED, ClockState.OVERDUE)


def _whole_minutes(delta: timedelta) -> int:
    """Minutes, rounded up for lateness (1 s late is 1 minute late) and down for spare time."""
    seconds = delta.total_seconds()
    return int(seconds // 60) if seconds >= 0 else -int(-seconds // 60)


def clock_status(*, due_at: datetime, met_at: datetime | None, now: datetime) -> ClockStatus:
    """A clock is met when the step is done at or before the due instant; one second later is missed."""
    _aware(due_at, "due_at")
    _aware(now, "now")
    if met_at is not None:
        if met_at <= due_at:
            return ClockStatus(ClockState.MET, _whole_minutes(due_at - met_at))
        return ClockStatus(ClockState.MISSED, _late_minutes(met_at - due_at))
    if now <= due_at:
        return ClockStatus(ClockState.RUNNING, _whole_minutes(due_at - now))
    return ClockStatus(ClockState.OVERDUE, _late_minutes(now - due_at))


def _late_minutes(delta: timedelta) -> int:
    seconds = delta.total_seconds()
    return int(-(-seconds // 60))  # ceiling: 1 s late counts as 1 minute
