"""Registry import: plan the diff against the database, apply it in one transaction, and the lifecycle of a
RegistryImport (upload = dry run → schedule → apply, in a Celery task when large).

Rules (docs/import-format.md has the user's version):
- A row is the agency with the same OID, else with the same organisation code; otherwise a new agency.
  Identifiers are set or changed by a row, never cleared by a blank cell.
- Parent. OID format: the nearest OID ancestor that has a row in the file or an agency in the registry
  (…20006.1.2 → …20006.1 → …20006 → …); none: top level. csma format: the ``parent`` cell (OID or org code,
  in the file or the registry; unknown → error); a blank cell with an OID is derived as in the OID format.
- ``deactivate_missing``: active agencies absent from the file that carry an identifier of the file's family
  are deactivated — OID format: agencies with an OID; csma: agencies with an OID and/or org code, per the
  identifier columns the file has, and of the kinds the file lists when it has a ``kind`` column (a list of
  SNGAs does not deactivate ministries). Agencies without such an identifier (entered by hand) are never
  touched; nothing is deleted.
- A row for an inactive agency reactivates it, unless it has a dissolution date (a recorded dissolution is a
  decision an import does not undo).

Speed (bench/bench_import.py, 8,000 rows on SQLite): Django's bulk_create spends ~0.1 ms per row preparing
values and bulk_update builds CASE expressions (about 0.9 s and 6 s measured for 8,000 agencies), so new
agencies get their ids reserved first (their materialised paths are then known at insert time) and rows are
written with one ``executemany`` per chunk, values adapted as the ORM does (``get_db_prep_save``; JSON through
``connection.ops.adapt_json_value``). Missing columns take their field defaults, so a new field needs no change.
"""

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from hashlib import sha256
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser as User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.request_context import client_ip
from common.services import model_update
from infrastructure import rules
from infrastructure.events import jsonable
from infrastructure.imports import (
    FILE_FORMATS,
    FORMAT_OID,
    UNKNOWN_FORMAT,
    AgencyRow,
    ImportFileError,
    RowError,
    detect_format,
    oid_ancestors,
    read_agency_frame,
    validate_agency_rows,
)
from infrastructure.models import (
    Agency,
    AgencyEvent,
    AgencyKind,
    LevelCycleRule,
    LevelDecision,
    RegistryImport,
    Sector,
)
from infrastructure.tasks import registry_import_apply_task

Channel, Kind, Status = AgencyEvent.Channel, AgencyEvent.Kind, RegistryImport.Status

UNKNOWN_AGENCY = _('No agency with the OID or organisation code "{value}" in the file or the registry.')
UNKNOWN_SECTOR = _('Unknown sector "{value}": use a sector code or its Chinese name.')
IDENTIFIER_CONFLICT = _('The OID belongs to "{oid_agency}" but the organisation code to "{code_agency}".')
SAME_AGENCY_TWICE = _("Rows {rows} are the same agency.")
PARENT_CYCLE = _("This parent would make the agency its own superior.")
NO_CYCLE_RULE = _("No level re-approval rule is in force on {date}.")
PLAN_HAS_ERRORS = _("The import has errors; nothing was written.")
FILE_TOO_LARGE = _("The file is larger than the {limit} MB limit.")
IMPORT_NOT_READY = _("This import cannot be applied: its status is {status}.")
FILE_CHANGED = _("The stored file no longer matches its checksum; upload it again.")
APPLY_FAILED = _("The import failed unexpectedly and nothing was written: {error}")
LEVEL_IMPORT_REASON = _("Level recorded by a registry import.")
DEACTIVATED_REASON = _("Not in the imported roster.")

PLAIN_FIELDS = ("name", "name_en", "kind", "sngo_category", "address", "phone", "dn")
IDENTIFIER_FIELDS = ("oid", "org_code")
AGENCY_SNAPSHOT = (
    "id",
    "name",
    "oid",
    "org_code",
    "parent_id",
    "regulator_id",
    "is_active",
    "dissolved_on",
    *PLAIN_FIELDS[1:],
)
SAMPLE_SIZE = 20
WRITE_CHUNK = 1000
NEW_KEY = "new:{row}"

Key = int | str  # an agency id, or NEW_KEY for a row that creates one


@dataclass(frozen=True)
class AgencyRef:
    id: int
    name: str


@dataclass(frozen=True)
class PlannedAgency:
    """An agency to create (key NEW_KEY) or update (key = id). ``values``: model fields to write (the changed
    ones for an update); ``changes``: {field: {"before", "after"}} as people read them (names, codes)."""

    key: Key
    row: int
    name: str
    values: dict
    parent: Key | None = None
    regulator: Key | None = None
    sectors: tuple[int, ...] = ()
    level: str = ""
    level_effective_from: date | None = None
    changes: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ImportPlan:
    file_format: str
    rows: int
    to_create: tuple[PlannedAgency, ...] = ()
    to_update: tuple[PlannedAgency, ...] = ()
    to_deactivate: tuple[AgencyRef, ...] = ()
    unchanged: tuple[AgencyRef, ...] = ()
    errors: tuple[RowError, ...] = ()

    @property
    def counts(self) -> dict[str, int]:
        return {
            "create": len(self.to_create),
            "update": len(self.to_update),
            "deactivate": len(self.to_deactivate),
            "unchanged": len(self.unchanged),
        }

    @property
    def change_count(self) -> int:
        return len(self.to_create) + len(self.to_update) + len(self.to_deactivate)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    deactivated: int
    unchanged: int
    levels: int
    events: int


@dataclass(frozen=True)
class ImportPreview:
    """Read + validate + plan of one file: what an import would do. ``file_format`` is the detected one."""

    file_format: str
    rows: int
    plan: ImportPlan | None
    errors: tuple[RowError, ...]


# Plan --------------------------------------------------------------------------------------------


@dataclass
class _Registry:
    """What the plan needs from the database, loaded in at most five queries."""

    agencies: dict
    by_oid: dict[str, int]
    by_code: dict[str, int]
    sectors: dict[str, int] = field(default_factory=dict)  # casefolded code / name → id
    sector_names: dict[int, str] = field(default_factory=dict)
    sector_links: dict[int, frozenset[int]] = field(default_factory=dict)
    levels: dict[int, tuple[str, date]] = field(default_factory=dict)  # latest approved (level, effective)
    cycle_rules: list = field(default_factory=list)


def _load_registry(*, columns: frozenset[str]) -> _Registry:
    agencies = {row.id: row for row in Agency.objects.values_list(*AGENCY_SNAPSHOT, named=True)}
    registry = _Registry(
        agencies=agencies,
        by_oid={a.oid: a.id for a in agencies.values() if a.oid},
        by_code={a.org_code: a.id for a in agencies.values() if a.org_code},
    )
    if "sectors" in columns:
        for sector in Sector.objects.values_list("id", "code", "name_zh", "name_en", named=True):
            registry.sector_names[sector.id] = sector.name_zh
            registry.sectors.update({token.casefold(): sector.id for token in sector[1:] if token})
        links: dict[int, set[int]] = {}
        for agency_id, sector_id in Agency.sectors.through.objects.values_list("agency_id", "sector_id"):
            links.setdefault(agency_id, set()).add(sector_id)
        registry.sector_links = {agency_id: frozenset(ids) for agency_id, ids in links.items()}
    if "level" in columns:
        registry.levels = _latest_levels()
        registry.cycle_rules = list(LevelCycleRule.objects.all())
    return registry


def _latest_levels() -> dict[int, tuple[str, date]]:
    decisions = (
        LevelDecision.objects.filter(status=LevelDecision.Status.APPROVED)
        .order_by("agency_id", "effective_from", "decided_at", "pk")
        .values_list("agency_id", "level", "effective_from")
    )
    return {agency_id: (level, effective) for agency_id, level, effective in decisions}


def _rule_in_force(cycle_rules: list, on: date) -> LevelCycleRule | None:
    in_force = [
        rule
        for rule in cycle_rules
        if rule.effective_from <= on and (rule.effective_to is None or rule.effective_to >= on)
    ]
    return max(in_force, key=lambda rule: rule.effective_from, default=None)


def agency_import_plan(*, rows: list[AgencyRow], deactivate_missing: bool) -> ImportPlan:
    """The diff between validated rows and the registry, in a constant number of queries (≤ 5)."""
    registry = _load_registry(columns=rows[0].columns if rows else frozenset())
    planner = _Planner(rows=rows, registry=registry)
    planned = [planner.plan(row) for row in rows if row.row in planner.targets]
    planner.check_cycles([item for item in planned if isinstance(item, PlannedAgency)])
    return ImportPlan(
        file_format=rows[0].file_format if rows else "",
        rows=len(rows),
        to_create=tuple(p for p in planned if isinstance(p, PlannedAgency) and isinstance(p.key, str)),
        to_update=tuple(p for p in planned if isinstance(p, PlannedAgency) and isinstance(p.key, int)),
        to_deactivate=planner.missing(rows) if deactivate_missing else (),
        unchanged=tuple(p for p in planned if isinstance(p, AgencyRef)),
        errors=tuple(sorted(planner.errors, key=lambda e: (e.row or 0, e.column))),
    )


class _Planner:
    """Matches rows to agencies, resolves references and diffs; collects RowErrors as it goes."""

    def __init__(self, *, rows: list[AgencyRow], registry: _Registry):
        self.registry, self.errors = registry, []
        self.rows = {row.row: row for row in rows}
        self.targets: dict[int, Key] = {}
        self.file_oid: dict[str, Key] = {}
        self.file_code: dict[str, Key] = {}
        self.names = {agency.id: agency.name for agency in registry.agencies.values()}
        self.today = timezone.localdate()
        self._match(rows)

    def fail(self, row: AgencyRow, column: str, message: str) -> None:
        self.errors.append(RowError(row.row, row.header(column), message))

    def _match(self, rows: list[AgencyRow]) -> None:
        claimed: dict[int, list[AgencyRow]] = {}
        for row in rows:
            by_oid = self.registry.by_oid.get(row.oid) if row.oid else None
            by_code = self.registry.by_code.get(row.org_code) if row.org_code else None
            if by_oid and by_code and by_oid != by_code:
                self.fail(
                    row,
                    "org_code",
                    str(IDENTIFIER_CONFLICT).format(oid_agency=self.names[by_oid], code_agency=self.names[by_code]),
                )
                continue
            key = by_oid or by_code or NEW_KEY.format(row=row.row)
            if isinstance(key, int):
                claimed.setdefault(key, []).append(row)
            self.targets[row.row], self.names[key] = key, row.name
            if row.oid:
                self.file_oid[row.oid] = key
            if row.org_code:
                self.file_code[row.org_code] = key
        for same in (rows for rows in claimed.values() if len(rows) > 1):
            for row in same:
                self.fail(
                    row,
                    "oid" if row.oid else "org_code",
                    str(SAME_AGENCY_TWICE).format(rows=", ".join(str(r.row) for r in same)),
                )

    def lookup(self, reference: str) -> Key | None:
        for table in (self.file_oid, self.registry.by_oid, self.file_code, self.registry.by_code):
            if reference in table:
                return table[reference]
        return None

    def derived_parent(self, oid: str) -> Key | None:
        for ancestor in oid_ancestors(oid) if oid else ():
            key = self.file_oid.get(ancestor) or self.registry.by_oid.get(ancestor)
            if key:
                return key
        return None

    def reference(self, row: AgencyRow, column: str) -> Key | None:
        key = self.lookup(getattr(row, column))
        if key is None:
            self.fail(row, column, str(UNKNOWN_AGENCY).format(value=getattr(row, column)))
        return key

    def parent(self, row: AgencyRow, *, is_new: bool) -> tuple[bool, Key | None]:
        """(managed, key): whether this row decides the parent, and which it is."""
        if row.parent:
            return True, self.reference(row, "parent")
        if row.file_format == FORMAT_OID or "parent" in row.columns or is_new:
            return True, self.derived_parent(row.oid)
        return False, None

    def regulator(self, row: AgencyRow) -> tuple[bool, Key | None]:
        if "regulator" not in row.columns:
            return False, None
        return True, (self.reference(row, "regulator") if row.regulator else None)

    def sectors(self, row: AgencyRow) -> tuple[int, ...]:
        ids = []
        for token in row.sectors:
            sector_id = self.registry.sectors.get(token.casefold())
            if sector_id is None:
                self.fail(row, "sectors", str(UNKNOWN_SECTOR).format(value=token))
            elif sector_id not in ids:
                ids.append(sector_id)
        return tuple(sorted(ids))

    def check_level(self, row: AgencyRow) -> None:
        on = row.level_effective_from or self.today
        if row.level and _rule_in_force(self.registry.cycle_rules, on) is None:
            self.fail(
                row,
                "level_effective_from" if row.level_effective_from else "level",
                str(NO_CYCLE_RULE).format(date=on.isoformat()),
            )

    def plan(self, row: AgencyRow) -> PlannedAgency | AgencyRef:
        key = self.targets[row.row]
        (has_parent, parent), (has_regulator, regulator) = (
            self.parent(row, is_new=isinstance(key, str)),
            (self.regulator(row)),
        )
        sectors = self.sectors(row) if "sectors" in row.columns else ()
        self.check_level(row)
        planned = PlannedAgency(
            key=key,
            row=row.row,
            name=row.name,
            values=_desired_values(row),
            parent=parent,
            regulator=regulator,
            sectors=sectors,
            level=row.level,
            level_effective_from=row.level_effective_from,
        )
        return planned if isinstance(key, str) else self._diff(planned, row, has_parent, has_regulator)

    def _diff(self, planned: PlannedAgency, row: AgencyRow, has_parent: bool, has_regulator: bool):
        """The planned update of an existing agency, or an AgencyRef when nothing changes."""
        existing = self.registry.agencies[planned.key]
        changes = {
            name: {"before": getattr(existing, name), "after": value}
            for name, value in planned.values.items()
            if getattr(existing, name) != value
        }
        values = {name: planned.values[name] for name in changes}
        self._relation_change(changes, "parent", has_parent, existing.parent_id, planned.parent)
        self._relation_change(changes, "regulator", has_regulator, existing.regulator_id, planned.regulator)
        self._other_changes(changes, row, existing, planned.sectors, values)
        if not changes:
            return AgencyRef(id=existing.id, name=existing.name)
        return replace(planned, values=values, changes=changes)

    def _relation_change(self, changes: dict, name: str, managed: bool, before: int | None, after: Key | None) -> None:
        if managed and before != after:
            changes[name] = {"before": self.names.get(before), "after": self.names.get(after), "ids": [before, after]}

    def _other_changes(self, changes: dict, row: AgencyRow, existing, sectors: tuple[int, ...], values: dict) -> None:
        before = tuple(sorted(self.registry.sector_links.get(existing.id, ())))
        if "sectors" in row.columns and sectors != before:
            names = self.registry.sector_names
            changes["sectors"] = {
                "before": [names[i] for i in before],
                "after": [names[i] for i in sectors],
                "ids": [list(before), list(sectors)],
            }
        current = self.registry.levels.get(existing.id)
        if row.level and (
            current is None
            or current[0] != row.level
            or (row.level_effective_from and row.level_effective_from != current[1])
        ):
            changes["level"] = {"before": current[0] if current else None, "after": row.level}
        if not existing.is_active and existing.dissolved_on is None:
            changes["is_active"] = {"before": False, "after": True}
            values["is_active"] = True

    def check_cycles(self, planned: list[PlannedAgency]) -> None:
        parent_of = {agency.id: agency.parent_id for agency in self.registry.agencies.values()}
        placed = [p for p in planned if isinstance(p.key, str) or "parent" in p.changes]
        parent_of.update({p.key: p.parent for p in placed})
        for item in placed:
            seen, node = set(), item.parent
            while node is not None and node != item.key and node not in seen:
                seen.add(node)
                node = parent_of.get(node)
            if node is not None and node == item.key:
                self.fail(self.rows[item.row], "parent", str(PARENT_CYCLE))

    def missing(self, rows: list[AgencyRow]) -> tuple[AgencyRef, ...]:
        """Active agencies of the file's family that no row matched (see the module docstring)."""
        if not rows:
            return ()
        family = (
            ("oid",)
            if rows[0].file_format == FORMAT_OID
            else tuple(name for name in IDENTIFIER_FIELDS if name in rows[0].columns)
        )
        kinds = {row.kind for row in rows} if "kind" in rows[0].columns else None
        matched = {key for key in self.targets.values() if isinstance(key, int)}
        return tuple(
            AgencyRef(id=a.id, name=a.name)
            for a in self.registry.agencies.values()
            if a.is_active
            and a.id not in matched
            and any(getattr(a, name) for name in family)
            and (kinds is None or a.kind in kinds)
        )


def _desired_values(row: AgencyRow) -> dict:
    values = {name: getattr(row, name) for name in PLAIN_FIELDS if name in row.columns}
    values.update({name: getattr(row, name) for name in IDENTIFIER_FIELDS if getattr(row, name)})
    if values.get("kind") == AgencyKind.GOVERNMENT:
        values["sngo_category"] = ""  # the check constraint: a category only for SNGAs
    return values


# Apply -------------------------------------------------------------------------------------------


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
    registry_import: RegistryImport | None = None,
    channel: str = Channel.IMPORT,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Write a plan in one transaction: agencies, paths, sectors, levels and one event per change."""
    if plan.errors:
        raise ValidationError(str(PLAN_HAS_ERRORS))
    now, report = timezone.now(), _Progress(total=plan.change_count, callback=progress)
    new_ids = dict(zip((p.key for p in plan.to_create), _reserve_ids(Agency, len(plan.to_create)), strict=True))

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
    _insert_rows(Agency, rows, on_chunk=report.advance)


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
    _update_rows(Agency, {pk: {**values, "updated_at": now} for pk, values in updates.items() if values})


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
    _insert_rows(through, links)


def _approve_levels(plan: ImportPlan, *, new_ids, acting_user, now, writer: "_EventWriter") -> int:
    """An approved LevelDecision per new level (分級辦法 Art 3 cycle from the LevelCycleRule in force)."""
    planned = [p for p in plan.to_create if p.level] + [p for p in plan.to_update if "level" in p.changes]
    cycle_rules, today = list(LevelCycleRule.objects.all()) if planned else [], timezone.localdate()
    rows = []
    for p, decision_id in zip(planned, _reserve_ids(LevelDecision, len(planned)), strict=True):
        effective = p.level_effective_from or today
        rule = _rule_in_force(cycle_rules, effective)
        if rule is None:
            raise ValidationError(str(NO_CYCLE_RULE).format(date=effective.isoformat()))
        decision = _decision_row(level=p.level, effective=effective, rule=rule, acting_user=acting_user, now=now)
        rows.append({**decision, "id": decision_id, "agency_id": new_ids.get(p.key, p.key)})
        writer.add(agency_id=new_ids.get(p.key, p.key), kind=Kind.LEVEL_APPROVED, data={
            "before": {"level": p.changes.get("level", {}).get("before")}, "after": {"level": p.level},
            "effective_from": effective, "reapproval_due": decision["reapproval_due"], "rule": rule.citation,
            "decision": decision_id,
        })  # fmt: skip
    _insert_rows(LevelDecision, rows)
    return len(rows)


def _decision_row(*, level: str, effective: date, rule: LevelCycleRule, acting_user, now) -> dict:
    """An approved decision as level_propose + level_approve would leave it (no criteria: set by the file)."""
    return {
        "level": level, "criteria": [], "adjustment_reason": str(LEVEL_IMPORT_REASON),
        "status": LevelDecision.Status.APPROVED, "proposed_by_id": _pk(acting_user), "proposed_at": now,
        "decided_by_id": _pk(acting_user), "decided_at": now, "effective_from": effective, "cycle_rule_id": rule.pk,
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


def _pk(user) -> int | None:
    return user.pk if user is not None else None


class _EventWriter:
    """Collects AgencyEvent rows (channel, actor, file) and inserts them at once, in the same transaction."""

    def __init__(self, *, now, acting_user, registry_import, channel):
        self.base = {
            "occurred_at": now,
            "actor_id": _pk(acting_user),
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
        _insert_rows(AgencyEvent, self.rows)
        self.count += len(self.rows)
        self.rows = []


# Bulk SQL ----------------------------------------------------------------------------------------

ADAPTED_TYPES = frozenset(
    {"DateTimeField", "DateField", "TimeField", "DecimalField", "DurationField", "JSONField", "UUIDField"}
)


def _column_adapter(model, attnames: list[str]) -> Callable[[dict], list]:
    """Row dict → DB values: plain types pass through; dates, JSON… via the field's get_db_prep_save."""
    fields = {f.attname: f for f in model._meta.concrete_fields}
    columns = [(name, fields[name].get_default()) for name in attnames]
    adapted = [
        (index, fields[name])
        for index, name in enumerate(attnames)
        if fields[name].get_internal_type() in ADAPTED_TYPES
    ]
    cache: dict = {}

    def prepare(model_field, value):
        if isinstance(value, (dict, list)):  # JSON: what JSONField.get_db_prep_value ends with, minus its checks
            return connection.ops.adapt_json_value(value, model_field.encoder)
        if (model_field.attname, value) not in cache:
            cache[model_field.attname, value] = model_field.get_db_prep_save(value, connection)
        return cache[model_field.attname, value]

    def values(row: dict) -> list:
        out = [row.get(name, default) for name, default in columns]
        for index, model_field in adapted:
            out[index] = prepare(model_field, out[index])
        return out

    return values


def _insert_rows(model, rows: list[dict], *, on_chunk: Callable[[int], None] | None = None) -> None:
    """INSERT rows (dicts by attname; a missing column takes its field default) with executemany per chunk."""
    if not rows:
        return
    attnames = [f.attname for f in model._meta.concrete_fields if not (f.primary_key and f.attname not in rows[0])]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(model._meta.get_field(a).column) for a in attnames)}) "
        f"VALUES ({', '.join(['%s'] * len(attnames))})"
    )
    values = _column_adapter(model, attnames)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), WRITE_CHUNK):
            chunk = rows[start : start + WRITE_CHUNK]
            cursor.executemany(sql, [values(row) for row in chunk])
            if on_chunk:
                on_chunk(len(chunk))


def _update_rows(model, updates: dict[int, dict]) -> None:
    """UPDATE by primary key, one executemany per set of changed columns."""
    groups: dict[tuple[str, ...], list[int]] = {}
    for pk, values in updates.items():
        groups.setdefault(tuple(sorted(values)), []).append(pk)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for attnames, pks in groups.items():
            assignments = ", ".join(f"{quote(model._meta.get_field(a).column)} = %s" for a in attnames)
            values = _column_adapter(model, list(attnames))
            cursor.executemany(
                f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s",
                [[*values(updates[pk]), pk] for pk in pks],
            )


def _reserve_ids(model, count: int) -> list[int]:
    """Primary keys for ``count`` new rows, taken before the insert (so that paths can be written with it).

    PostgreSQL: nextval() of the id sequence. SQLite: above the AUTOINCREMENT counter, safe because the
    transaction holds SQLite's write lock from its start (transaction_mode IMMEDIATE in settings).
    """
    if not count:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, model._meta.pk.column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        if connection.vendor == "sqlite":
            cursor.execute(
                f"SELECT MAX({connection.ops.quote_name(model._meta.pk.column)}) FROM "
                f"{connection.ops.quote_name(table)}"
            )
            highest = cursor.fetchone()[0] or 0
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            sequence = cursor.fetchone()
            start = max(highest, sequence[0] if sequence else 0) + 1
            return list(range(start, start + count))
    raise NotImplementedError(f"Reserving ids is implemented for SQLite and PostgreSQL, not {connection.vendor}.")


# RegistryImport lifecycle ------------------------------------------------------------------------


def agency_import_preview(
    *, content: bytes, filename: str, file_format: str = "auto", deactivate_missing: bool = False
) -> ImportPreview:
    """Read, validate and plan one file: what the import would do. Writes nothing."""
    read = _read_rows(content=content, filename=filename, file_format=file_format)
    return read if read.errors else _planned(read, deactivate_missing=deactivate_missing)


@dataclass(frozen=True)
class _ReadRows(ImportPreview):
    agency_rows: tuple[AgencyRow, ...] = ()


def _read_rows(*, content: bytes, filename: str, file_format: str) -> _ReadRows:
    """The pure stages (no database): read and validate."""
    try:
        frame = read_agency_frame(content=content, filename=filename)
    except ImportFileError as error:
        return _ReadRows(file_format="", rows=0, plan=None, errors=(RowError(None, "", error.message),))
    rows, errors = validate_agency_rows(frame, file_format=file_format)
    return _ReadRows(
        file_format=detect_format(frame.columns, requested=file_format) or "",
        rows=len(frame),
        plan=None,
        errors=tuple(errors),
        agency_rows=tuple(rows),
    )


def _planned(read: _ReadRows, *, deactivate_missing: bool) -> ImportPreview:
    plan = agency_import_plan(rows=list(read.agency_rows), deactivate_missing=deactivate_missing)
    return ImportPreview(file_format=read.file_format, rows=read.rows, plan=plan, errors=plan.errors)


def import_summary(preview: ImportPreview) -> dict:
    """The JSON the preview page shows: counts and the first SAMPLE_SIZE names of each kind of change."""
    plan = preview.plan or ImportPlan(file_format=preview.file_format, rows=preview.rows)
    return jsonable(
        {
            "format": preview.file_format,
            "rows": preview.rows,
            **plan.counts,
            "samples": {
                "create": [p.name for p in plan.to_create[:SAMPLE_SIZE]],
                "update": [{"name": p.name, "changes": p.changes} for p in plan.to_update[:SAMPLE_SIZE]],
                "deactivate": [ref.name for ref in plan.to_deactivate[:SAMPLE_SIZE]],
            },
        }
    )


def _errors_json(errors) -> list[dict]:
    return [asdict(error) for error in errors]


def registry_import_create(
    *,
    content: bytes,
    original_name: str,
    file_format: str = "auto",
    deactivate_missing: bool = False,
    acting_user: User | None,
    preview: ImportPreview | None = None,
) -> RegistryImport:
    """Store the uploaded file and dry-run it: PREVIEWED with a summary, or INVALID with every bad row.

    ``preview``: the caller's own agency_import_preview of the same content and options (saves a re-read).
    """
    if len(content) > settings.CSMA_IMPORT_MAX_BYTES:
        raise ValidationError(str(FILE_TOO_LARGE).format(limit=settings.CSMA_IMPORT_MAX_BYTES // (1024 * 1024)))
    if file_format not in FILE_FORMATS:
        raise ValidationError(str(UNKNOWN_FORMAT).format(value=file_format))  # the form offers the choices
    preview = preview or agency_import_preview(
        content=content, filename=original_name, file_format=file_format, deactivate_missing=deactivate_missing
    )
    digest = sha256(content).hexdigest()
    registry_import = RegistryImport(
        file=ContentFile(content, name=digest[:16] + PurePath(original_name).suffix.lower()[:10]),
        original_name=original_name[:255],
        sha256=digest,
        file_format=file_format,
        deactivate_missing=deactivate_missing,
        uploaded_by=acting_user,
        status=Status.INVALID if preview.errors else Status.PREVIEWED,
        summary=import_summary(preview),
        errors=_errors_json(preview.errors),
    )
    registry_import.full_clean()
    registry_import.save()
    return registry_import


def registry_import_schedule(*, registry_import: RegistryImport, acting_user: User | None) -> RegistryImport:
    """Apply now, or queue a Celery task when the file has more rows than CSMA_IMPORT_SYNC_MAX_ROWS."""
    if registry_import.status != Status.PREVIEWED:
        raise ValidationError(str(IMPORT_NOT_READY).format(status=registry_import.get_status_display()))
    if registry_import.summary.get("rows", 0) <= settings.CSMA_IMPORT_SYNC_MAX_ROWS:
        return registry_import_apply(registry_import=registry_import, acting_user=acting_user)
    with transaction.atomic():
        queued = RegistryImport.objects.filter(pk=registry_import.pk, status=Status.PREVIEWED).update(
            status=Status.QUEUED, progress_done=0, progress_total=summary_change_count(registry_import.summary)
        )
        if not queued:
            raise ValidationError(str(IMPORT_NOT_READY).format(status=registry_import.get_status_display()))
        registry_import_apply_task.delay_on_commit(import_id=registry_import.pk, user_id=_pk(acting_user))
    registry_import.refresh_from_db()
    return registry_import


def summary_change_count(summary: dict) -> int:
    """Agencies an import summary creates, updates or deactivates (the progress bar's total)."""
    return sum(summary.get(name, 0) for name in ("create", "update", "deactivate"))


def registry_import_apply(
    *, registry_import: RegistryImport, acting_user: User | None, progress: Callable[[int, int], None] | None = None
) -> RegistryImport:
    """Re-read the stored file, then re-plan against the current registry and apply in one transaction.

    Progress other connections can see: RUNNING with the total is committed before the work, the done count
    with APPLIED after it (SQLite allows one writer, so nothing can be committed in between).
    """
    _claim(registry_import=registry_import, acting_user=acting_user)
    try:
        preview, result = _apply_stored(registry_import, acting_user=acting_user, progress=progress)
    except Exception as error:
        _finish(
            registry_import,
            status=Status.FAILED,
            errors=[{"row": None, "column": "", "message": str(APPLY_FAILED).format(error=error)}],
        )
        raise
    if result is None:
        return _finish(
            registry_import, status=Status.FAILED, summary=import_summary(preview), errors=_errors_json(preview.errors)
        )
    return _finish(
        registry_import, status=Status.APPLIED, errors=[], summary={**import_summary(preview), "result": asdict(result)}
    )


def _claim(*, registry_import: RegistryImport, acting_user) -> None:
    """PREVIEWED/QUEUED → RUNNING in one conditional UPDATE, so that an import is applied only once."""
    claimed = RegistryImport.objects.filter(pk=registry_import.pk, status__in=[Status.PREVIEWED, Status.QUEUED]).update(
        status=Status.RUNNING,
        started_at=timezone.now(),
        applied_by=acting_user,
        progress_done=0,
        progress_total=summary_change_count(registry_import.summary),
    )
    if not claimed:
        registry_import.refresh_from_db()
        raise ValidationError(str(IMPORT_NOT_READY).format(status=registry_import.get_status_display()))
    registry_import.refresh_from_db()


def _apply_stored(
    registry_import: RegistryImport, *, acting_user, progress
) -> tuple[ImportPreview, ImportResult | None]:
    """Read and validate outside the transaction (no database), plan and apply inside it (consistent)."""
    with registry_import.file.open("rb") as stored:
        content = stored.read()
    if sha256(content).hexdigest() != registry_import.sha256:
        return ImportPreview(file_format="", rows=0, plan=None, errors=(RowError(None, "", str(FILE_CHANGED)),)), None
    read = _read_rows(content=content, filename=registry_import.original_name, file_format=registry_import.file_format)
    if read.errors:
        return read, None
    with transaction.atomic():
        preview = _planned(read, deactivate_missing=registry_import.deactivate_missing)
        if preview.errors:
            return preview, None
        return preview, agency_import_apply(
            plan=preview.plan,
            acting_user=acting_user,
            registry_import=registry_import,
            channel=Channel.IMPORT,
            progress=progress,
        )


def _finish(
    registry_import: RegistryImport, *, status: str, errors: list, summary: dict | None = None
) -> RegistryImport:
    data = {
        "status": status,
        "errors": errors,
        "finished_at": timezone.now(),
        "summary": summary if summary is not None else registry_import.summary,
    }
    if status == Status.APPLIED:
        data["progress_done"] = data["progress_total"] = summary_change_count(data["summary"])
    registry_import, _changes = model_update(instance=registry_import, fields=list(data), data=data)
    return registry_import
