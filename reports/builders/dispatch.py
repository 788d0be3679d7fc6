"""Report row → frozen data: which builder, with which agencies and header."""

from datetime import datetime

from django.utils import translation
from django.utils.translation import gettext as _

from common.roc import TAIPEI, roc_year
from infrastructure.models import Agency
from reports import data as d
from reports import subjects
from reports.builders.incident import build_incident_sheet
from reports.builders.national import build_national_overview
from reports.builders.scorecard import build_scorecard
from reports.builders.sector import build_sector_summary, observations_from

KIND_CODES = {"sector": "S", "subtree": "T", "national": "N", "scorecard": "A", "incident": "I"}


def report_number(report) -> str:
    year = report.year or 0
    return f"CSMA-{roc_year(year)}-{KIND_CODES[report.kind]}-{report.pk:06d}"


def classification_label(report) -> str:
    code = report.params.get("classification", "restricted")
    with translation.override(report.language):
        return {"restricted": _("Restricted (限閱)"), "general": _("General")}.get(code, code)


def header_for(report, *, now: datetime, is_draft: bool) -> d.ReportHeader:
    supersedes = report.supersedes
    return d.ReportHeader(
        kind=report.kind,
        language=report.language,
        subject=report.subject,
        year=report.year,
        number="" if is_draft else (report.number or report_number(report)),
        version=report.version,
        issuer=report.params.get("issuer", ""),
        classification=classification_label(report),
        generated_at=now,
        is_draft=is_draft,
        correction_reason=report.correction_reason,
        supersedes_number=(supersedes.number or "") if supersedes else "",
    )


def build_for(report, *, now: datetime, is_draft: bool):
    header = header_for(report, now=now, is_draft=is_draft)
    today = now.astimezone(TAIPEI).date()
    if report.kind in ("sector", "subtree"):
        agencies = (
            subjects.sector_agencies(report.subject_key.split(":", 1)[1])
            if report.kind == "sector"
            else subjects.subtree_agencies(report.agency)
        )
        names = dict(
            Agency.objects.filter(pk__in=[n["agency_id"] for n in report.agency_notes]).values_list("pk", "name")
        )
        notes = observations_from(
            observations=report.observations,
            recommendations=report.recommendations,
            notes=report.agency_notes,
            names=names,
        )
        return build_sector_summary(header=header, agencies=agencies, today=today, observations=notes)
    if report.kind == "national":
        return build_national_overview(header=header, today=today)
    if report.kind == "scorecard":
        return build_scorecard(header=header, agency=report.agency, today=today)
    return build_incident_sheet(header=header, incident=report.incident, now=now)
