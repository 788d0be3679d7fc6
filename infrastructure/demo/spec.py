"""Plain data the demo builder produces and the loader writes: no ORM, no settings, no clock.

Agencies refer to each other by ``key`` (their index in ``Registry.agencies``), so the whole registry can be
compared between two builds with the same seed.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal


@dataclass
class DecisionSpec:
    level: str
    criteria: tuple[str, ...]
    status: str  # LevelDecision.Status value
    proposed_at: datetime
    submitted_at: datetime | None = None
    decided_at: datetime | None = None
    effective_from: date | None = None
    adjustment_reason: str = ""


@dataclass
class ContactSpec:
    role: str  # AgencyContact.Role value
    name: str
    title: str
    email: str
    phone: str
    mobile: str
    valid_from: date
    valid_to: date | None = None


@dataclass
class SystemSpec:
    name: str
    is_core: bool
    protection_level: str  # InformationSystem.ProtectionLevel value
    max_tolerable_downtime_hours: int
    is_outsourced: bool
    contract_amount: Decimal | None


@dataclass
class DesignationSpec:
    designated_on: date
    approved_on: date | None
    notified_on: date | None
    sectors: tuple[str, ...]
    note: str = ""
    withdrawn_on: date | None = None


@dataclass
class AgencySpec:
    key: int
    name: str
    kind: str = "government"
    sngo_category: str = ""
    parent: int | None = None
    regulator: int | None = None
    oid: str | None = None
    org_code: str | None = None
    name_en: str = ""
    address: str = ""
    phone: str = ""
    dn: str = ""
    sectors: tuple[str, ...] = ()
    is_active: bool = True
    dissolved_on: date | None = None
    criteria: tuple[str, ...] = ()
    level: str = ""
    adjustment_reason: str = ""
    ci_provider: bool = False  # gets a CIDesignation
    domain: str = ""  # mail domain of its staff (not stored on the agency)
    city: str = ""  # where it sits (phone area code, address)
    decisions: list[DecisionSpec] = field(default_factory=list)
    contacts: list[ContactSpec] = field(default_factory=list)
    systems: list[SystemSpec] = field(default_factory=list)
    designation: DesignationSpec | None = None


@dataclass
class ReorganisationSpec:
    kind: str  # Reorganisation.Kind value
    agency: int
    successor: int | None
    effective_on: date
    previous_name: str
    note: str = ""


@dataclass
class Registry:
    scale: str
    seed: int
    agencies: list[AgencySpec] = field(default_factory=list)
    reorganisations: list[ReorganisationSpec] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        agencies = self.agencies
        return {
            "government": sum(1 for a in agencies if a.kind == "government"),
            "sngo": sum(1 for a in agencies if a.kind == "sngo"),
            "ci_providers": sum(1 for a in agencies if a.designation is not None),
            "level_decisions": sum(len(a.decisions) for a in agencies),
            "contacts": sum(len(a.contacts) for a in agencies),
            "systems": sum(len(a.systems) for a in agencies),
            "reorganisations": len(self.reorganisations),
        }

    def summary(self) -> list[tuple[str, str | None, str]]:
        """(name, oid, current level) of every agency, in build order: what determinism is checked on."""
        return [(a.name, a.oid, a.level) for a in self.agencies]
