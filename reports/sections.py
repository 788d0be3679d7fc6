"""Sections other apps contribute to the reports (the audits app adds its own), and per-agency facts.

A contributor is a function ``(*, agency_ids: QuerySet, year: int) -> Section`` registered under a key.
Until the audits app registers, its section renders "無資料" and the agency table shows "—" for the last
audit and open findings. The audits app calls, from its AppConfig.ready()::

    from reports.sections import register_section, register_agency_facts
    register_section("audits", build_audit_section)
    register_agency_facts("audits", audit_facts_by_agency)   # → {agency_id: (last_audit_date, open_findings)}
"""

from collections.abc import Callable
from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from reports.data import Section

SectionBuilder = Callable[..., Section]
FactsBuilder = Callable[..., dict[int, tuple[date | None, int | None]]]

_SECTIONS: dict[str, SectionBuilder] = {}
_AGENCY_FACTS: dict[str, FactsBuilder] = {}


def _audits_placeholder(*, agency_ids: QuerySet, year: int) -> Section:
    return Section(key="audits", title=_("Audits"))


def register_section(key: str, builder: SectionBuilder) -> None:
    _SECTIONS[key] = builder


def register_agency_facts(key: str, builder: FactsBuilder) -> None:
    _AGENCY_FACTS[key] = builder


def build_sections(*, agency_ids: QuerySet, year: int) -> tuple[Section, ...]:
    builders = {"audits": _audits_placeholder, **_SECTIONS}
    return tuple(builder(agency_ids=agency_ids, year=year) for _key, builder in sorted(builders.items()))


def agency_facts(*, agency_ids: QuerySet, year: int) -> dict[int, tuple[date | None, int | None]]:
    merged: dict[int, tuple[date | None, int | None]] = {}
    for builder in _AGENCY_FACTS.values():
        merged.update(builder(agency_ids=agency_ids, year=year))
    return merged
