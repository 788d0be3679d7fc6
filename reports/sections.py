"""Sections of the annual reports that come from other apps (audits today), and per-agency facts.

A contributor is a function ``(*, agency_ids: QuerySet, year: int) -> Section | tuple[Section, ...]``
registered under a key. Reports sit above every domain app, so the audits part is registered here
(reports/builders/audit_sections.py reads audits/reporting.py); a section with no rows renders 無資料.
Another app's part: ``register_section(key, builder)`` / ``register_agency_facts(key, builder)``.
"""

from collections.abc import Callable
from datetime import date

from django.db.models import QuerySet

from reports.builders.audit_sections import audit_agency_facts, audit_sections
from reports.data import Section

SectionBuilder = Callable[..., Section]
FactsBuilder = Callable[..., dict[int, tuple[date | None, int | None]]]

_SECTIONS: dict[str, SectionBuilder] = {}
_AGENCY_FACTS: dict[str, FactsBuilder] = {}


def register_section(key: str, builder: SectionBuilder) -> None:
    _SECTIONS[key] = builder


def register_agency_facts(key: str, builder: FactsBuilder) -> None:
    _AGENCY_FACTS[key] = builder


def build_sections(*, agency_ids: QuerySet, year: int) -> tuple[Section, ...]:
    found: list[Section] = []
    for _key, builder in sorted(_SECTIONS.items()):
        built = builder(agency_ids=agency_ids, year=year)
        found.extend(built if isinstance(built, tuple) else (built,))
    return tuple(found)


def agency_facts(*, agency_ids: QuerySet, year: int) -> dict[int, tuple[date | None, int | None]]:
    merged: dict[int, tuple[date | None, int | None]] = {}
    for builder in _AGENCY_FACTS.values():
        merged.update(builder(agency_ids=agency_ids, year=year))
    return merged


register_section("audits", audit_sections)
register_agency_facts("audits", audit_agency_facts)
