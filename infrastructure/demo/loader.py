"""Write a built demo registry to the database: bulk inserts in one transaction, no per-row services.

Agencies go in parents first (government before SNGAs, so regulators exist), then their materialised
paths are computed with ``rules.child_path`` from the ids the database assigned. Every agency gets a
CREATED event (channel SYSTEM, data {"source": "seed_demo"}); level decisions, designations and
reorganisations get their own events, dated when they happened.
"""

from collections.abc import Callable
from datetime import date, datetime, time

from django.db import connection, transaction

from common import versioning
from infrastructure import rules
from infrastructure.demo.details import TAIPEI_TZ
from infrastructure.demo.spec import Registry
from infrastructure.models import (
    Agency,
    AgencyContact,
    AgencyEvent,
    CIDesignation,
    InformationSystem,
    LevelCycleRule,
    LevelDecision,
    Reorganisation,
    Sector,
)

BATCH = 2000  # Django splits further to the database's parameter limit
SOURCE = "seed_demo"
PHASES = (
    "agencies",
    "tree paths",
    "sectors",
    "levels",
    "contacts",
    "systems",
    "designations",
    "reorganisations",
    "events",
)
Kind = AgencyEvent.Kind
SYSTEM = AgencyEvent.Channel.SYSTEM


class DemoLoadError(Exception):
    pass


@transaction.atomic
def load_registry(
    registry: Registry, *, now: datetime, decided_by=None, progress: Callable[[str], None] | None = None
) -> dict[str, int]:
    """Insert ``registry``; ``decided_by`` (a user) approves the level decisions; ``now`` is when the agencies'
    creation events happen. Returns row counts.

    ``progress`` is called with the name of each phase (``PHASES``) as it starts.
    """
    start = progress or (lambda phase: None)
    sectors = {sector.code: sector.pk for sector in Sector.objects.all()}
    missing = sorted({code for spec in registry.agencies for code in spec.sectors} - set(sectors))
    if missing:
        raise DemoLoadError(f"Sectors missing from the database: {', '.join(missing)} (run migrate first).")
    start("agencies")
    ids = _insert_agencies(registry)
    start("tree paths")
    _set_paths(registry, ids)
    start("sectors")
    through = Agency.sectors.through
    through.objects.bulk_create(
        [
            through(agency_id=ids[spec.key], sector_id=sectors[code])
            for spec in registry.agencies
            for code in spec.sectors
        ],
        batch_size=BATCH,
    )
    start("levels")
    decisions = _insert_decisions(registry, ids, decided_by)
    start("contacts")
    _insert_contacts(registry, ids)
    start("systems")
    _insert_systems(registry, ids)
    start("designations")
    designations = _insert_designations(registry, ids, sectors)
    start("reorganisations")
    reorganisations = _insert_reorganisations(registry, ids)
    start("events")
    events = _insert_events(registry, ids, decisions, designations, reorganisations, decided_by, now=now)
    return {"agencies": len(ids), **registry.counts(), "events": events}


def _insert_agencies(registry: Registry) -> list[int]:
    specs = registry.agencies
    depth = [0] * len(specs)
    for spec in specs:
        if spec.parent is not None and spec.parent >= spec.key:
            raise DemoLoadError(f"{spec.name}: built before its parent")
        depth[spec.key] = depth[spec.parent] + 1 if spec.parent is not None else 0
    order = sorted(specs, key=lambda spec: (spec.kind != "government", depth[spec.key], spec.key))
    ids = [0] * len(specs)
    for level in _runs(order, key=lambda spec: (spec.kind, depth[spec.key])):
        rows = [
            Agency(
                name=spec.name,
                name_en=spec.name_en,
                oid=spec.oid,
                org_code=spec.org_code,
                kind=spec.kind,
                sngo_category=spec.sngo_category,
                parent_id=ids[spec.parent] if spec.parent is not None else None,
                regulator_id=ids[spec.regulator] if spec.regulator is not None else None,
                address=spec.address,
                phone=spec.phone,
                dn=spec.dn,
                is_active=spec.is_active,
                dissolved_on=spec.dissolved_on,
                depth=depth[spec.key],
            )
            for spec in level
        ]
        for spec, agency in zip(level, Agency.objects.bulk_create(rows, batch_size=BATCH), strict=True):
            ids[spec.key] = agency.pk
    return ids


def _runs(items, *, key):
    """Consecutive items with the same key, as lists."""
    run, current = [], object()
    for item in items:
        if key(item) != current and run:
            yield run
            run = []
        current = key(item)
        run.append(item)
    if run:
        yield run


def _set_paths(registry: Registry, ids: list[int]) -> None:
    """One parameterised UPDATE run for all rows (bulk_update's CASE expressions take seconds at this size)."""
    paths = [""] * len(ids)
    for spec in registry.agencies:
        parent_path = paths[spec.parent] if spec.parent is not None else ""
        paths[spec.key] = rules.child_path(parent_path, ids[spec.key])
    table = connection.ops.quote_name(Agency._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET path = %s WHERE id = %s", list(zip(paths, ids, strict=True)))


def _cycle_rule(rules_in_force: list[LevelCycleRule], on: date) -> LevelCycleRule:
    found = versioning.in_force(rules_in_force, on)
    if found:
        return found[-1]
    raise DemoLoadError(f"No level re-approval rule is in force on {on}.")


def _insert_decisions(registry: Registry, ids: list[int], decided_by) -> list[tuple[int, LevelDecision]]:
    cycle_rules = list(LevelCycleRule.objects.order_by("effective_from"))
    rows: list[tuple[int, LevelDecision]] = []
    for spec in registry.agencies:
        for decision in spec.decisions:
            approved = decision.status == LevelDecision.Status.APPROVED
            rule = _cycle_rule(cycle_rules, decision.effective_from) if approved else None
            rows.append(
                (
                    spec.key,
                    LevelDecision(
                        agency_id=ids[spec.key],
                        level=decision.level,
                        criteria=list(decision.criteria),
                        adjustment_reason=decision.adjustment_reason,
                        status=decision.status,
                        proposed_at=decision.proposed_at,
                        submitted_at=decision.submitted_at,
                        decided_at=decision.decided_at,
                        decided_by=decided_by if approved else None,
                        effective_from=decision.effective_from,
                        cycle_rule=rule,
                        reapproval_due=rules.reapproval_due(
                            effective_from=decision.effective_from, cycle_years=rule.cycle_years
                        )
                        if rule
                        else None,
                    ),
                )
            )
    LevelDecision.objects.bulk_create([row for _, row in rows], batch_size=BATCH)
    return rows


def _insert_contacts(registry: Registry, ids: list[int]) -> None:
    AgencyContact.objects.bulk_create(
        [
            AgencyContact(
                agency_id=ids[spec.key],
                role=c.role,
                name=c.name,
                title=c.title,
                email=c.email,
                phone=c.phone,
                mobile=c.mobile,
                valid_from=c.valid_from,
                valid_to=c.valid_to,
            )
            for spec in registry.agencies
            for c in spec.contacts
        ],
        batch_size=BATCH,
    )


def _insert_systems(registry: Registry, ids: list[int]) -> None:
    InformationSystem.objects.bulk_create(
        [
            InformationSystem(
                agency_id=ids[spec.key],
                name=s.name,
                is_core=s.is_core,
                protection_level=s.protection_level,
                max_tolerable_downtime_hours=s.max_tolerable_downtime_hours,
                is_outsourced=s.is_outsourced,
                contract_amount=s.contract_amount,
            )
            for spec in registry.agencies
            for s in spec.systems
        ],
        batch_size=BATCH,
    )


def _insert_designations(registry: Registry, ids: list[int], sectors: dict[str, int]):
    specs = [spec for spec in registry.agencies if spec.designation is not None]
    rows = CIDesignation.objects.bulk_create(
        [
            CIDesignation(
                agency_id=ids[spec.key],
                designated_by_id=ids[spec.regulator],
                designated_on=spec.designation.designated_on,
                approved_on=spec.designation.approved_on,
                notified_on=spec.designation.notified_on,
                withdrawn_on=spec.designation.withdrawn_on,
                note=spec.designation.note,
            )
            for spec in specs
        ],
        batch_size=BATCH,
    )
    through = CIDesignation.sectors.through
    through.objects.bulk_create(
        [
            through(cidesignation_id=row.pk, sector_id=sectors[code])
            for spec, row in zip(specs, rows, strict=True)
            for code in spec.designation.sectors
        ],
        batch_size=BATCH,
    )
    return list(zip(specs, rows, strict=True))


def _insert_reorganisations(registry: Registry, ids: list[int]):
    rows = Reorganisation.objects.bulk_create(
        [
            Reorganisation(
                kind=r.kind,
                agency_id=ids[r.agency],
                effective_on=r.effective_on,
                successor_id=ids[r.successor] if r.successor is not None else None,
                previous_name=r.previous_name,
                note=r.note,
            )
            for r in registry.reorganisations
        ],
        batch_size=BATCH,
    )
    return list(zip(registry.reorganisations, rows, strict=True))


def _day(on: date, hour: int = 9) -> datetime:
    return datetime.combine(on, time(hour, 0), tzinfo=TAIPEI_TZ)


def _insert_events(registry, ids, decisions, designations, reorganisations, decided_by, *, now: datetime) -> int:
    events = [
        AgencyEvent(
            agency_id=ids[spec.key], kind=Kind.CREATED, channel=SYSTEM, occurred_at=now, data={"source": SOURCE}
        )
        for spec in registry.agencies
    ]
    events += [_level_event(ids[key], decision, decided_by) for key, decision in decisions]
    events += [_designation_event(spec, row) for spec, row in designations]
    events += [_reorganisation_event(registry, spec, row) for spec, row in reorganisations]
    AgencyEvent.objects.bulk_create(events, batch_size=BATCH)
    return len(events)


def _level_event(agency_id: int, decision: LevelDecision, decided_by) -> AgencyEvent:
    approved = decision.status == LevelDecision.Status.APPROVED
    data = {"source": SOURCE, "level": decision.level, "criteria": decision.criteria, "decision": decision.pk}
    if approved:
        data |= {
            "effective_from": decision.effective_from.isoformat(),
            "reapproval_due": decision.reapproval_due.isoformat(),
            "rule": decision.cycle_rule.citation,
        }
    return AgencyEvent(
        agency_id=agency_id,
        kind=Kind.LEVEL_APPROVED if approved else Kind.LEVEL_PROPOSED,
        actor=decided_by if approved else None,
        channel=SYSTEM,
        data=data,
        occurred_at=decision.decided_at if approved else decision.proposed_at,
    )


def _designation_event(spec, row) -> AgencyEvent:
    return AgencyEvent(
        agency_id=row.agency_id,
        kind=Kind.DESIGNATED,
        channel=SYSTEM,
        occurred_at=_day(row.designated_on),
        data={
            "source": SOURCE,
            "designated_by": row.designated_by_id,
            "designated_on": row.designated_on.isoformat(),
            "sectors": list(spec.designation.sectors),
        },
    )


def _reorganisation_event(registry, spec, row) -> AgencyEvent:
    """The same shape services.agency_reorganise records."""
    return AgencyEvent(
        agency_id=row.agency_id,
        kind=Kind.REORGANISED,
        channel=SYSTEM,
        occurred_at=_day(row.effective_on, 0),
        data={
            "source": SOURCE,
            "kind": spec.kind,
            "effective_on": spec.effective_on.isoformat(),
            "successors": [row.successor_id] if row.successor_id else [],
            "before": {"name": spec.previous_name},
            "after": {"name": registry.agencies[spec.agency].name},
        },
    )
