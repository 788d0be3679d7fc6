"""Specific non-government agencies (特定非公務機關) across the 8 CI sectors, with their sector regulator.

Names are real organisations (mail domains are illustrative); which of them are designated CI providers is
not public (CSMA.md §3.3), so the designations here are a plausible demo choice (fewer than 100, as officials
have said), not a fact. Merger dates are illustrative too.
The rows live in ``sngo_utilities`` (energy, water, communications, transportation) and ``sngo_markets``
(finance, hospitals, science and industrial parks, key government functions); each is
``s(name, category, regulator, sectors, criteria, mail domain, city, ci=designated?, units=subordinate units)``
with category ci = CI provider, soe = state-owned enterprise, fdn = designated foundation,
ctl = government-controlled entity (2025 Act Art 3).
"""

from dataclasses import dataclass
from datetime import date

from infrastructure.demo.builder import Builder
from infrastructure.demo.names import CITIES

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


def s(name, category, regulator, sectors, criteria, domain, city="臺北市", *, ci=False, units=()) -> Row:
    return Row(name, category, regulator, tuple(sectors.split()), criteria, ci, domain, city, tuple(units))


def per_city(pattern: str) -> list[tuple[str, str]]:
    """One unit per local government, named by its short name (新竹縣 and 新竹市 share one unit)."""
    units = {pattern.format(c=city.short): city.name for city in reversed(CITIES)}
    return sorted(units.items(), key=lambda unit: [city.name for city in CITIES].index(unit[1]))


MERGERS = (  # (dissolved company, domain, successor) — the two 2023 mobile-operator mergers
    ("台灣之星電信股份有限公司", "tstartel.com", "台灣大哥大股份有限公司"),
    ("亞太電信股份有限公司", "aptg.com.tw", "遠傳電信股份有限公司"),
)


def build_sngo(builder: Builder, rows: tuple[Row, ...], mergers=MERGERS) -> None:
    for row in rows:
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
