"""The rows behind the figures (registry, obligations, incidents, drills) as DataFrames: one query each
(values()), scoped by the same agencies queryset and year as the pages. Times in Asia/Taipei."""

from datetime import date, datetime

import pandas as pd
from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.spreadsheets import local_cell
from incidents.models import IncidentType
from incidents.rules import DrillKind, IncidentLevel, IncidentStatus
from infrastructure import exports as registry_exports
from infrastructure.models import Agency
from infrastructure.selectors import agency_list
from obligations.forms import STATUS_LABELS
from obligations.selectors.compliance import compliance_counted
from obligations.selectors.obligations import annotate_display_status
from reports import figures, presentation


def _local(value: datetime | None) -> str:
    return local_cell(value) if value else ""


def registry_frame(*, agencies: QuerySet[Agency], year: int, today: date, now: datetime) -> pd.DataFrame:
    """The registry columns of the registry export, for the agencies in scope (level on the as-of day)."""
    listed = agency_list(base=agencies, on=figures.as_of_date(year=year, today=today))
    header = [str(title) for title, _value in registry_exports.COLUMNS]
    return pd.DataFrame(
        [registry_exports.agency_row(agency) for agency in listed.iterator(chunk_size=2000)], columns=header
    )


def obligations_frame(*, agencies: QuerySet[Agency], year: int, today: date, now: datetime) -> pd.DataFrame:
    rows = (
        annotate_display_status(
            compliance_counted(figures.scoped_obligations(agencies=agencies, year=year)), today=today
        )
        .annotate(agency_name=F("agency__name"))
        .order_by("agency__path", "due_on", "pk")
        .values_list("agency_name", "item_label", "level", "due_on", "display_status", "status", "in_time")
    )
    records = [
        (
            name,
            item,
            presentation.level_label(level) if level else "",
            due,
            str(STATUS_LABELS.get(shown, shown)),
            (_("on time") if in_time else _("late")) if status == "accepted" else "",
        )
        for name, item, level, due, shown, status, in_time in rows
    ]
    columns = [_("Agency"), _("Item"), _("Level"), _("Due on"), _("Status"), _("Accepted")]
    return pd.DataFrame.from_records(records, columns=columns)


def incidents_frame(*, agencies: QuerySet[Agency], year: int, today: date, now: datetime) -> pd.DataFrame:
    missed = figures.missed_clock_q(now=now, prefix="clocks__") & Q(clocks__kind__in=figures.CLOCKS)
    rows = (
        figures.scoped_incidents(agencies=agencies, year=year)
        .annotate(agency_name=F("agency__name"), missed=Count("clocks", filter=missed))
        .order_by("aware_at", "pk")
        .values_list(
            "pk",
            "agency_name",
            "title",
            "incident_type",
            "level",
            "status",
            "aware_at",
            "reported_at",
            "recovered_at",
            "missed",
        )
    )
    records = [
        (
            pk,
            name,
            title,
            str(IncidentType(kind).label),
            str(IncidentLevel(level).label),
            str(IncidentStatus(status).label),
            _local(aware),
            _local(reported),
            _local(recovered),
            missed_count,
        )
        for pk, name, title, kind, level, status, aware, reported, recovered, missed_count in rows
    ]
    columns = [
        _("Number"),
        _("Agency"),
        _("Title"),
        _("Incident type"),
        _("Level"),
        _("Status"),
        _("Aware at"),
        _("Reported at"),
        _("Recovered at"),
        _("Clocks missed"),
    ]
    return pd.DataFrame.from_records(records, columns=columns)


def drills_frame(*, agencies: QuerySet[Agency], year: int, today: date, now: datetime) -> pd.DataFrame:
    rows = (
        figures.scoped_drills(agencies=agencies, year=year)
        .annotate(agency_name=F("agency__name"))
        .order_by("agency__path", "kind", "starts_on")
        .values_list(
            "agency_name",
            "kind",
            "starts_on",
            "ends_on",
            "conducted_on",
            "participants",
            "results_submitted_at",
            "results_due_at",
        )
    )
    records = [
        (
            name,
            str(DrillKind(kind).label),
            start,
            end,
            conducted,
            participants,
            _local(submitted),
            (_("on time") if submitted <= due else _("late")) if submitted and due else "",
        )
        for name, kind, start, end, conducted, participants, submitted, due in rows
    ]
    columns = [
        _("Agency"),
        _("Drill"),
        _("Period from"),
        _("Run by"),
        _("Conducted on"),
        _("Participants"),
        _("Results submitted at"),
        _("Results"),
    ]
    return pd.DataFrame.from_records(records, columns=columns)


DATASETS = {
    "registry": (registry_frame, gettext_lazy("Registry")),
    "obligations": (obligations_frame, gettext_lazy("Obligations")),
    "incidents": (incidents_frame, gettext_lazy("Incidents")),
    "drills": (drills_frame, gettext_lazy("Drills")),
}
