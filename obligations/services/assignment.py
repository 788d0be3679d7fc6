"""Assignment: each agency's obligations for a year from the rule set in force and its level.

Idempotent (a unique ``assignment_key`` per occurrence); a level change supersedes the open obligations of
the old level that fall due after the new level takes effect (kept, marked superseded) and creates the new
level's. One-off due dates follow 行政程序法 §48 on the agency's own Taiwan calendar (its city/county's days
off; one calendar per county per run).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from common import bulk
from common.calendar import taiwan_rest_day_check
from common.periods import RestDayCheck
from infrastructure.hooks import LevelApproved
from infrastructure.models import Agency, LevelDecision
from obligations import rules
from obligations.models import Obligation
from obligations.rules import timing
from obligations.selectors import assignment as inputs
from obligations.services.events import Kind, event_row

if TYPE_CHECKING:
    from django.contrib.auth.models import User

BATCH = 500


@dataclass
class AssignmentResult:
    agencies: int = 0
    created: int = 0
    superseded: int = 0
    without_level: int = 0
    without_rule_set: int = 0
    per_agency: dict[int, int] = field(default_factory=dict)

    def add(self, other: AssignmentResult) -> None:
        for name in ("agencies", "created", "superseded", "without_level", "without_rule_set"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True)
class _Batch:
    year: int
    anchors: dict
    kinds: dict
    ci_ids: set
    facts: dict
    systems: dict
    counties: dict


def obligation_assign_year(
    *,
    year: int,
    agency_ids: Iterable[int] | None = None,
    now: datetime,
    acting_user: User | None = None,
    channel: str = "system",
    progress: Callable[[int], None] | None = None,
) -> AssignmentResult:
    """Create (or complete) the ``year`` obligations of the given agencies (default: every active agency)."""
    queryset = Agency.objects.filter(is_active=True)
    if agency_ids is not None:
        queryset = queryset.filter(pk__in=list(agency_ids))
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    calendars: dict[str, RestDayCheck] = {}

    def is_rest_day(county: str) -> RestDayCheck:
        if county not in calendars:
            calendars[county] = taiwan_rest_day_check(years=range(year, year + 4), county=county)
        return calendars[county]

    rule_sets = inputs.rule_sets_in_force()
    result = AssignmentResult()
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        result.add(
            _assign_chunk(
                chunk,
                year=year,
                rule_sets=rule_sets,
                is_rest_day=is_rest_day,
                actor=acting_user,
                channel=channel,
                now=now,
            )
        )
        if progress:
            progress(len(chunk))
    return result


def assign_on_level_approved(event: LevelApproved) -> None:
    """Subscribed to the registry's level approvals (ObligationsConfig.ready, infrastructure/hooks.py): the
    approved or changed level's obligations are assigned in the approval's transaction (issue 4)."""
    obligations_on_level_approved(
        decision=event.decision, now=event.decided_at, acting_user=event.acting_user, channel=event.channel
    )


def obligations_on_level_approved(
    *, decision: LevelDecision, now: datetime, acting_user: User | None = None, channel: str = "web"
) -> AssignmentResult:
    """The obligations of an approved level: the approval year and the current year."""
    first = decision.effective_from.year
    result = AssignmentResult()
    for year in sorted({first, max(first, timezone.localdate(now).year)}):
        result.add(
            obligation_assign_year(
                year=year, agency_ids=[decision.agency_id], now=now, acting_user=acting_user, channel=channel
            )
        )
    return result


@transaction.atomic
def _assign_chunk(agency_ids, *, year, rule_sets, is_rest_day, actor, channel, now) -> AssignmentResult:
    batch = _Batch(
        year=year,
        anchors=inputs.level_anchors(agency_ids=agency_ids, on=date(year, 12, 31)),
        kinds=inputs.agency_kinds(agency_ids=agency_ids),
        ci_ids=inputs.ci_provider_ids(agency_ids=agency_ids, on=date(year, 12, 31)),
        facts=inputs.agency_facts(agency_ids=agency_ids),
        systems=inputs.core_systems(agency_ids=agency_ids),
        counties=inputs.agency_counties(agency_ids=agency_ids),
    )
    result = AssignmentResult(agencies=len(agency_ids), without_level=len(set(agency_ids) - set(batch.anchors)))
    superseded = _supersede(batch, now=now)
    existing = set(Obligation.objects.filter(agency_id__in=agency_ids).values_list("assignment_key", flat=True))
    new_rows: list[dict] = []
    for agency_id, anchor in batch.anchors.items():
        specs = _specs_for(anchor, rule_sets, year)
        if not specs:
            result.without_rule_set += 1
            continue
        rows = _rows_for(agency_id, anchor, specs, batch, is_rest_day, existing)
        new_rows.extend(rows)
        result.per_agency[agency_id] = len(rows)
    _insert(new_rows, now=now)
    _write_events(batch, result.per_agency, superseded, actor=actor, channel=channel, now=now)
    result.created, result.superseded = len(new_rows), sum(len(ids) for ids in superseded.values())
    return result


def _specs_for(anchor, rule_sets, year) -> list[tuple[int, timing.RequirementSpec]]:
    """Judged by the rule set in force at the clock start (STYLE §7.3): the approval for one-off items,
    the later of the approval and 1 January for the year's periodic items."""
    one_off = inputs.rule_set_for(rule_sets, on=anchor.effective_from)
    periodic = inputs.rule_set_for(rule_sets, on=max(anchor.effective_from, date(year, 1, 1)))
    specs = [(one_off.id, s) for s in one_off.by_level.get(anchor.level, ()) if s.is_one_off] if one_off else []
    if periodic:
        specs += [(periodic.id, s) for s in periodic.by_level.get(anchor.level, ()) if not s.is_one_off]
    return specs


def _rows_for(agency_id, anchor, specs, batch: _Batch, is_rest_day, existing) -> list[tuple]:
    rows = []
    systems = batch.systems.get(agency_id, ())
    facts = {**batch.facts.get(agency_id, {}), "has_core_system": bool(systems)}  # the inventory decides
    calendar = is_rest_day(batch.counties.get(agency_id, ""))
    for rule_set_id, spec in specs:
        if not timing.applies(
            spec=spec, agency_kind=batch.kinds[agency_id], is_ci_provider=agency_id in batch.ci_ids, facts=facts
        ):
            continue
        for occurrence in _occurrences(spec, batch.year, anchor.effective_from, systems, calendar):
            key = timing.assignment_key(
                decision_id=anchor.decision_id,
                requirement_id=spec.id,
                occurrence=occurrence,
                year=batch.year,
                is_one_off=spec.is_one_off,
            )
            if key not in existing:
                existing.add(key)
                rows.append(_obligation(agency_id, anchor, rule_set_id, spec, occurrence, key, batch.year))
    return rows


@lru_cache(maxsize=100_000)
def _occurrences(spec, year, anchor_day, core_system_ids, is_rest_day) -> list[timing.Occurrence]:
    """Memoised per run and county (``is_rest_day`` is a new object each run): most agencies share an approval
    date."""
    return timing.occurrences(
        spec=spec, year=year, anchor=anchor_day, core_system_ids=core_system_ids, is_rest_day=is_rest_day
    )


def _obligation(agency_id, anchor, rule_set_id, spec, occurrence, key, year) -> dict:
    """One obligation row by attname (the time stamps are added by ``_insert``)."""
    due = occurrence.due
    return {
        "agency_id": agency_id,
        "year": year,
        "level": anchor.level,
        "requirement_id": spec.id,
        "rule_set_id": rule_set_id,
        "level_decision_id": anchor.decision_id,
        "core_system_id": occurrence.core_system_id,
        "sequence": occurrence.sequence,
        "assignment_key": key,
        "period_start": occurrence.period_start,
        "due_on": due.due_on,
        "due_at": due.due_at,
        "nominal_due_on": due.nominal_end,
        "due_rule": occurrence.rule[:200],
        "due_citation": occurrence.citation[:400],
        "status": rules.ObligationStatus.OPEN,
    }


def _insert(rows: list[dict], *, now) -> None:
    """Through the one bulk writer (common/bulk.py): the national year is tens of thousands of rows, and building
    and compiling a model instance per row was most of the run time (bench/bench_obligations.py)."""
    stamps = {"status_changed_at": now, "exempt_basis": "", "created_at": now, "updated_at": now}
    bulk.insert_rows(Obligation, [row | stamps for row in rows])


def _supersede(batch: _Batch, *, now) -> dict[int, list[int]]:
    """Open obligations of an older level, due on or after the new level's effective date. The rows are
    locked as they are read (PostgreSQL re-checks the status of a row changed meanwhile), so evidence
    submitted or accepted at the same moment is never overwritten with "superseded"."""
    candidates = (
        Obligation.objects.filter(
            agency_id__in=list(batch.anchors),
            requirement__isnull=False,
            level_decision__isnull=False,  # rows of no level decision (imported history) are not a level's
            status__in=rules.SUPERSEDABLE_STATUSES,  # the workflow's table, checked in SQL on the locked rows
        )
        .exclude(level_decision_id__in=[a.decision_id for a in batch.anchors.values()])
        .select_for_update(no_key=True, of=("self",))
        .order_by("pk")
        .values_list("pk", "agency_id", "due_on", "level_decision__effective_from")
    )
    superseded: dict[int, list[int]] = {}
    for pk, agency_id, due_on, decided_from in candidates:
        anchor = batch.anchors[agency_id]
        if decided_from < anchor.effective_from <= due_on:
            superseded.setdefault(agency_id, []).append(pk)
    ids = [pk for pks in superseded.values() for pk in pks]
    if ids:
        Obligation.objects.filter(pk__in=ids).update(status=rules.ObligationStatus.SUPERSEDED, status_changed_at=now)
    return superseded


def _write_events(
    batch: _Batch, created: dict[int, int], superseded: dict[int, list[int]], *, now: datetime, actor, channel
):
    from obligations.models import ObligationEvent

    events = [
        event_row(
            Kind.SUPERSEDED,
            actor=actor,
            channel=channel,
            agency_id=agency_id,
            data={
                "year": batch.year,
                "obligations": ids,
                "before": {"status": rules.ObligationStatus.OPEN},
                "after": {"status": rules.ObligationStatus.SUPERSEDED, "level": batch.anchors[agency_id].level},
            },
            now=now,
        )
        for agency_id, ids in superseded.items()
    ]
    events += [
        event_row(
            Kind.ASSIGNED,
            actor=actor,
            channel=channel,
            agency_id=agency_id,
            data={
                "year": batch.year,
                "created": count,
                "level": batch.anchors[agency_id].level,
                "decision": batch.anchors[agency_id].decision_id,
            },
            now=now,
        )
        for agency_id, count in created.items()
        if count
    ]
    ObligationEvent.objects.bulk_create(events, batch_size=1000)
