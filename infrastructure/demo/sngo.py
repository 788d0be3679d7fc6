"""Specific non-government agencies (特定非公務機關) across the 8 CI sectors, with their sector regulator.

Names are real organisations (mail domains are illustrative); which of them are designated CI providers is
not public (CSMA.md §3.3), so the designations here are a plausible demo choice (fewer than 100, as officials
have said), not a fact. Merger dates are illustrative too.
The rows live in ``data/sngo.csv`` (energy, water, communications, transportation, finance, hospitals,
science and industrial parks, key government functions): name, category, regulator (by name), sectors,
criteria, mail domain, city, ci (``yes`` = designated CI provider), with category ci = CI provider,
soe = state-owned enterprise, fdn = designated foundation, ctl = government-controlled entity (2025 Act
Art 3). Their subordinate units are in ``data/sngo_units.csv`` and the mergers in ``data/sngo_mergers.csv``.
"""

from dataclasses import dataclass
from datetime import date

from infrastructure.demo.builder import Builder
from infrastructure.demo.tables import rows, split

CATEGORIES = {"ci": "ci_provider", "soe": "state_owned", "fdn": "foundation", "ctl": "controlled"}
MERGED_ON = date(2023, 12, 1)


@dataclass(frozen=True)
class Row:
    name: str
    category: str
    regulator: str
    sectors: tuple[str, ...]
    criteria: str
    ci: bool
    domain: str
    city: str
    units: tuple[tuple[str, str], ...]  # (name suffix, city)


def load_rows(filename: str, units_filename: str = "") -> tuple[Row, ...]:
    """The SNGAs of one file in ``data/`` with their units (``units_filename``: company, unit suffix, city)."""
    units: dict[str, list[tuple[str, str]]] = {}
    for unit in rows(units_filename) if units_filename else ():
        units.setdefault(unit["company"], []).append((unit["unit"], unit["city"]))
    return tuple(
        Row(
            name=row["name"],
            category=row["category"],
            regulator=row["regulator"],
            sectors=split(row["sectors"]),
            criteria=row["criteria"],
            ci=row["ci"] == "yes",
            domain=row["domain"],
            city=row["city"],
            units=tuple(units.get(row["name"], ())),
        )
        for row in rows(filename)
    )


# (dissolved company, domain, successor) — the two 2023 mobile-operator mergers
MERGERS = tuple((row["name"], row["domain"], row["successor"]) for row in rows("sngo_mergers.csv"))


def build_sngo(builder: Builder, companies: tuple[Row, ...], mergers=MERGERS) -> None:
    for row in companies:
        regulator = builder.by_name[row.regulator]
        company = builder.add(
            row.name,
            row.criteria,
            kind="sngo",
            category=CATEGORIES[row.category],
            regulator=regulator,
            sectors=row.sectors,
            domain=row.domain,
            city=row.city,
        )
        company.ci_provider = row.ci
        for suffix, city in row.units:
            builder.add(
                f"{row.name}{suffix}",
                "@sngo_unit",
                parent=company,
                kind="sngo",
                category=CATEGORIES[row.category],
                regulator=regulator,
                sectors=row.sectors,
                city=city,
            )
    for name, domain, successor_name in mergers:
        successor = builder.by_name[successor_name]
        old = builder.add(
            name,
            "B-6",
            kind="sngo",
            category="ci_provider",
            active=False,
            dissolved_on=MERGED_ON,
            regulator=builder.registry.agencies[successor.regulator],
            sectors=successor.sectors,
            domain=domain,
        )
        old.ci_provider = True
        builder.reorganise("merged", old, successor, MERGED_ON, name, note="行動通信業者合併（示範資料）")
