"""Apply a plan in one transaction: agencies, sectors, levels and one event per change."""

from collections.abc import Callable
from datetime import date, datetime

from django.contrib.auth.base_user import AbstractBaseUser as User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from common.bulk import insert_rows, reserve_ids, update_rows
from common.models import county_from_address
from common.request_context import client_ip
from infrastructure import rules
from infrastructure.events import jsonable
from infrastructure.import_services.plan import (
    DEACTIVATED_REASON,
    LEVEL_IMPORT_REASON,
    NO_CYCLE_RULE,
    PARENT_CYCLE,
    PLAN_HAS_ERRORS,
    WRITE_CHUNK,
    Channel,
    ImportPlan,
    ImportResult,
    Key,
    Kind,
    PlannedAgency,
    rule_in_force,
)
from infrastructure.models import (
    Agency,
    AgencyEvent,
    LevelCycleRule,
    LevelDecision,
    RegistryImport,
)


class _Progress:
    def __init__(self, *, total: int, callback: Callable[[int, int], None] | None):
        self.done, self.total, self.callback = 0, total, callback

    def advance(self, count: int) -> None:
        self.done = min(self.total, self.done + count)
        if self.callback and count:
            self.callback(self.done, self.total)


@transaction.atomic
def agency_import_apply(
    *,
    plan: ImportPlan,
    acting_user: User | None,
    now: datetime,
    registry_import: RegistryImport | None = None,
    channel: str = Channel.IMPORT,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Write a plan in one transaction: agencies, paths, sectors, levels and one event per change."""
    if plan.errors:
        raise ValidationError(str(PLAN_HAS_ERRORS))
    report = _Progress(total=plan.change_count, callback=progress)
    new_ids = dict(zip((p.key for p in plan.to_create), reserve_ids(Agency, len(plan.to_create)), strict=True))

    def resolve(key: Key | None) -> int | None:
        return new_ids.get(key, key)

    existing = list(Agency.objects.values_list("id", "parent_id", "path"))
    tree = {agency_id: parent_id for agency_id, parent_id, _path in existing}
    old_paths = {agency_id: path for agency_id, _parent, path in existing}
    tree.update({new_ids[p.key]: resolve(p.parent) for p in plan.to_create})
    tree.update({p.key: resolve(p.parent) for p in plan.to_update if "parent" in p.changes})
    paths = _paths(tree)
    _insert_agencies(plan.to_create, new_ids=new_ids, resolve=resolve, paths=paths, now=now, report=report)
    _update_agencies(plan.to_update, resolve=resolve, paths=paths, old_paths=old_paths, now=now)
    report.advance(len(plan.to_update))
    _deactivate(plan.to_deactivate, now=now)
    report.advance(len(plan.to_deactivate))
    _write_sectors(plan, new_ids=new_ids)
    writer = _EventWriter(now=now, acting_user=acting_user, registry_import=registry_import, channel=channel)
    writer.changes(plan, new_ids=new_ids, resolve=resolve)
    levels = _approve_levels(plan, new_ids=new_ids, acting_user=acting_user, now=now, writer=writer)
    writer.flush()
    return ImportResult(
        created=len(plan.to_create),
        updated=len(plan.to_update),
        deactivated=len(plan.to_deactivate),
        unchanged=len(plan.unchanged),
        levels=levels,
        events=writer.count,
    )


def _paths(parent_of: dict[int, int | None]) -> dict[int, str]:
    """Materialised path of every agency from its parent chain (rules.child_path), memoised."""
    paths: dict[int, str] = {}
    for start in parent_of:
        chain, node = [], start
        while node is not None and node not in paths:
            if node in chain:
                raise ValidationError(str(PARENT_CYCLE))
            chain.append(node)
            node = parent_of.get(node)
        base = paths[node] if node is not None else ""
        for item in reversed(chain):
            base = paths[item] = rules.child_path(base, item)
    return paths


def _depth(path: str) -> int:
    return path.count(rules.PATH_SEPARATOR) - 1


def _insert_agencies(planned, *, new_ids, resolve, paths, now, report: _Progress) -> None:
    rows = [
        {
            **p.values,
            "county": p.values.get("county") or county_from_address(p.values.get("address", "")),  # §48 calendar
            "id": new_ids[p.key],
            "parent_id": resolve(p.parent),
            "regulator_id": resolve(p.regulator),
            "path": paths[new_ids[p.key]],
            "depth": _depth(paths[new_ids[p.key]]),
            "created_at": now,
            "updated_at": now,
        }
        for p in planned
    ]
    insert_rows(Agency, rows, on_chunk=report.advance)


def _update_agencies(planned, *, resolve, paths, old_paths, now) -> None:
    """Changed fields of the planned agencies, plus path/depth of every agency whose path moved."""
    updates: dict[int, dict] = {}
    for p in planned:
        values = updates.setdefault(p.key, dict(p.values))
        if "parent" in p.changes:
            values["parent_id"] = resolve(p.parent)
        if "regulator" in p.changes:
            values["regulator_id"] = resolve(p.regulator)
        if "is_active" in p.changes:
            values["dissolved_on"] = None
    for agency_id, path in paths.items():
        if agency_id in old_paths and old_paths[agency_id] != path:
            updates.setdefault(agency_id, {}).update(path=path, depth=_depth(path))
    update_rows(Agency, {pk: {**values, "updated_at": now} for pk, values in updates.items() if values})


def _deactivate(refs, *, now) -> None:
    ids = [ref.id for ref in refs]
    for start in range(0, len(ids), WRITE_CHUNK):
        Agency.objects.filter(pk__in=ids[start : start + WRITE_CHUNK]).update(is_active=False, updated_at=now)


def _write_sectors(plan: ImportPlan, *, new_ids) -> None:
    through = Agency.sectors.through
    replaced = [p.key for p in plan.to_update if "sectors" in p.changes]
    for start in range(0, len(replaced), WRITE_CHUNK):
        through.objects.filter(agency_id__in=replaced[start : start + WRITE_CHUNK]).delete()
    links = [
        {"agency_id": new_ids.get(p.key, p.key), "sector_id": sector_id}
        for p in (*plan.to_create, *(p for p in plan.to_update if "sectors" in p.changes))
        for sector_id in p.sectors
    ]
    insert_rows(through, links)


def _approve_levels(plan: ImportPlan, *, new_ids, acting_user, now, writer: "_EventWriter") -> int:
    """An approved LevelDecision per new level (分級辦法 Art 3 cycle from the LevelCycleRule in force)."""
    planned = [p for p in plan.to_create if p.level] + [p for p in plan.to_update if "level" in p.changes]
    cycle_rules, today = list(LevelCycleRule.objects.all()) if planned else [], timezone.localdate(now)
    rows = []
    for p, decision_id in zip(planned, reserve_ids(LevelDecision, len(planned)), strict=True):
        effective = p.level_effective_from or today
        rule = rule_in_force(cycle_rules, effective)
        if rule is None:
            raise ValidationError(str(NO_CYCLE_RULE).format(date=effective.isoformat()))
        decision = _decision_row(level=p.level, effective=effective, rule=rule, acting_user=acting_user, now=now)
        rows.append({**decision, "id": decision_id, "agency_id": new_ids.get(p.key, p.key)})
        writer.add(agency_id=new_ids.get(p.key, p.key), kind=Kind.LEVEL_APPROVED, data={
            "before": {"level": p.changes.get("level", {}).get("before")}, "after": {"level": p.level},
            "effective_from": effective, "reapproval_due": decision["reapproval_due"], "rule": rule.citation,
            "decision": decision_id,
        })  # fmt: skip
    insert_rows(LevelDecision, rows)
    return len(rows)


def _decision_row(*, level: str, effective: date, rule: LevelCycleRule, acting_user, now) -> dict:
    """An approved decision as level_propose + level_approve would leave it (no criteria: set by the file)."""
    return {
        "level": level, "criteria": [], "adjustment_reason": str(LEVEL_IMPORT_REASON),
        "status": LevelDecision.Status.APPROVED, "proposed_by_id": user_pk(acting_user), "proposed_at": now,
        "decided_by_id": user_pk(acting_user), "decided_at": now, "effective_from": effective, "cycle_rule_id": rule.pk,
        "reapproval_due": rules.reapproval_due(effective_from=effective, cycle_years=rule.cycle_years),
        "created_at": now, "updated_at": now,
    }  # fmt: skip


def _created_data(p: PlannedAgency, resolve) -> dict:
    """The row number and the values set (the regulator, sectors and level only when given)."""
    after = {**p.values, "parent": resolve(p.parent)}
    if p.regulator:
        after["regulator"] = resolve(p.regulator)
    if p.sectors:
        after["sectors"] = list(p.sectors)
    if p.level:
        after["level"] = p.level
    return {"row": p.row, "after": after}


def _stored_pair(change: dict, resolve) -> tuple:
    """(before, after) as an event stores them: ids for agencies and sectors, the values otherwise."""
    if "ids" not in change:
        return change["before"], change["after"]
    before, after = change["ids"]
    return before, ([resolve(item) for item in after] if isinstance(after, list) else resolve(after))


def user_pk(user) -> int | None:
    return user.pk if user is not None else None


class _EventWriter:
    """Collects AgencyEvent rows (channel, actor, file) and inserts them at once, in the same transaction."""

    def __init__(self, *, now, acting_user, registry_import, channel):
        self.base = {
            "occurred_at": now,
            "actor_id": user_pk(acting_user),
            "channel": channel,
            "registry_import_id": registry_import.pk if registry_import else None,
            "ip_address": client_ip(),  # as record_event: set for a web request, empty in a task or command
        }
        self.rows: list[dict] = []
        self.count = 0

    def add(self, *, agency_id: int, kind: str, data: dict, plain: bool = False) -> None:
        """``plain``: data holds only JSON types already (skips the conversion, 8,000 times per roster)."""
        self.rows.append({**self.base, "agency_id": agency_id, "kind": kind, "data": data if plain else jsonable(data)})

    def changes(self, plan: ImportPlan, *, new_ids, resolve) -> None:
        for p in plan.to_create:
            self.add(agency_id=new_ids[p.key], kind=Kind.CREATED, data=_created_data(p, resolve), plain=True)
        for p in plan.to_update:
            self._update_events(p, resolve=resolve)
        for ref in plan.to_deactivate:
            self.add(
                agency_id=ref.id,
                kind=Kind.DEACTIVATED,
                data={"before": {"is_active": True}, "after": {"is_active": False}, "reason": str(DEACTIVATED_REASON)},
            )

    def _update_events(self, p: PlannedAgency, *, resolve) -> None:
        """REACTIVATED, UPDATED (fields; regulator and sectors by id) and MOVED, as each applies."""
        fields = {
            name: _stored_pair(change, resolve)
            for name, change in p.changes.items()
            if name not in ("parent", "is_active", "level")
        }
        if "is_active" in p.changes:
            self.add(
                agency_id=p.key,
                kind=Kind.REACTIVATED,
                data={"row": p.row, "before": {"is_active": False}, "after": {"is_active": True}},
            )
        if fields:
            self.add(
                agency_id=p.key,
                kind=Kind.UPDATED,
                data={
                    "row": p.row,
                    "before": {name: pair[0] for name, pair in fields.items()},
                    "after": {name: pair[1] for name, pair in fields.items()},
                },
            )
        if "parent" in p.changes:
            before, after = _stored_pair(p.changes["parent"], resolve)
            self.add(
                agency_id=p.key,
                kind=Kind.MOVED,
                data={"row": p.row, "before": {"parent": before}, "after": {"parent": after}},
            )

    def flush(self) -> None:
        insert_rows(AgencyEvent, self.rows)
        self.count += len(self.rows)
        self.rows = []
