"""Kind → builder input and renderer. Renderers are pure (reports.pdf); this is the dispatch table."""

from reports.pdf.incident import render_incident_pdf
from reports.pdf.national import render_national_overview_pdf
from reports.pdf.scorecard import render_scorecard_pdf
from reports.pdf.sector import render_sector_summary_pdf

RENDERERS = {
    "sector": render_sector_summary_pdf,
    "subtree": render_sector_summary_pdf,
    "national": render_national_overview_pdf,
    "scorecard": render_scorecard_pdf,
    "incident": render_incident_pdf,
}


def render(kind: str, data) -> bytes:
    return RENDERERS[kind](data)
