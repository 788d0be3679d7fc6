"""Plan an import: the diff between validated rows and the registry, in a constant number of queries."""

from dataclasses import dataclass, field, replace
from datetime import date

from django.utils.translation import gettext_lazy as _

from common import versioning
from infrastructure.imports import (
    FORMAT_OID,
    AgencyRow,
    RowError,
    oid_ancestors,
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


def rule_in_force(cycle_rules: list, on: date) -> LevelCycleRule | None:
    return versioning.latest_in_force(cycle_rules, on)


def agency_import_plan(
    *, rows: list[AgencyRow], deactivate_missing: bool, today: date, also_in_file: frozenset[str] = frozenset()
) -> ImportPlan:
    """The diff between validated rows and the registry, in a constant number of queries (≤ 5).

    ``also_in_file``: identifiers of the file's rows that failed validation; a reference to one of them is not
    reported as unknown (the row's own error says what is wrong). ``today``: the day a level without an effective
    date would take effect."""
    registry = _load_registry(columns=rows[0].columns if rows else frozenset())
    planner = _Planner(rows=rows, registry=registry, today=today)
    planner.also_in_file = also_in_file
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

    def __init__(self, *, rows: list[AgencyRow], registry: _Registry, today: date):
        self.registry, self.errors = registry, []
        self.rows = {row.row: row for row in rows}
        self.targets: dict[int, Key] = {}
        self.file_oid: dict[str, Key] = {}
        self.file_code: dict[str, Key] = {}
        self.names = {agency.id: agency.name for agency in registry.agencies.values()}
        self.today = today
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
        if key is None and getattr(row, column) not in getattr(self, "also_in_file", ()):
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
        if row.level and rule_in_force(self.registry.cycle_rules, on) is None:
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
