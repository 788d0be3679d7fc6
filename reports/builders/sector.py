"""build_sector_summary: the annual summary of a sector or of a superior agency's subtree."""

from datetime import date

from django.db.models import QuerySet
from django.utils import translation

from infrastructure.models import Agency
from infrastructure.selectors import agency_annotate_level
from obligations import rules as obligation_rules
from reports import data as d
from reports import sections
from reports.figures.annual import Scope, due_obligations, item_label, year_figures
from reports.figures.scope import as_of_date


def build_sector_summary(
    *, header: d.ReportHeader, agencies: QuerySet[Agency], today: date, observations: d.Observations
) -> d.SectorSummary:
    with translation.override(header.language):
        scope = Scope(
            agencies=agencies,
            year=header.year,
            cutoff=as_of_date(year=header.year, today=today),
            judged_at=header.generated_at,
        )
        current, detail = year_figures(scope)
        previous_scope = Scope(
            agencies=agencies,
            year=header.year - 1,
            cutoff=as_of_date(year=header.year - 1, today=today),
            judged_at=header.generated_at,
        )
        previous, _detail = year_figures(previous_scope)
        return d.SectorSummary(
            header=header,
            current=current,
            previous=previous,
            agencies=agency_rows(scope, detail),
            overdue=overdue_rows(scope),
            observations=observations,
            sections=sections.build_sections(agency_ids=scope.ids, year=scope.year),
        )


def agency_rows(scope: Scope, detail: dict) -> tuple[d.AgencyRow, ...]:
    facts = sections.agency_facts(agency_ids=scope.ids, year=scope.year)
    rows = (
        agency_annotate_level(scope.agencies.order_by(), on=scope.cutoff)
        .order_by("path")
        .values_list("pk", "name", "current_level")
    )
    found = []
    for agency_id, name, level in rows:
        due, met, overdue = detail["obligations"].get(agency_id, (0, 0, 0))
        last_audit, open_findings = facts.get(agency_id, (None, None))
        found.append(
            d.AgencyRow(
                agency_id=agency_id,
                name=name,
                level=level or "",
                due=due,
                met=met,
                overdue=overdue,
                incidents_by_level=tuple(detail["incidents"].get(agency_id, (0, 0, 0, 0))),
                clocks_missed=detail["missed"].get(agency_id, 0),
                last_audit=last_audit,
                open_findings=open_findings,
            )
        )
    return tuple(found)


def overdue_rows(scope: Scope) -> tuple[d.OverdueRow, ...]:
    overdue = due_obligations(scope).filter(status__in=obligation_rules.OWED_STATUSES, due_on__lt=scope.counting_day)
    keys = (
        "agency__name",
        "requirement__code",
        "requirement__item_zh",
        "requirement__item_en",
        "adhoc__title",
        "due_on",
    )
    return tuple(
        d.OverdueRow(row["agency__name"], item_label(row), row["due_on"], (scope.counting_day - row["due_on"]).days)
        for row in overdue.order_by("due_on", "agency__path", "id").values(*keys)
    )


def observations_from(
    *, observations: str, recommendations: str, notes: list[dict], names: dict[int, str]
) -> d.Observations:
    agency_notes = tuple(
        d.AgencyNote(names.get(note["agency_id"], ""), note["text"]) for note in notes if note.get("text")
    )
    return d.Observations(observations=observations, recommendations=recommendations, agency_notes=agency_notes)
