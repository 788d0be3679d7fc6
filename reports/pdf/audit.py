"""The audit notice letter and the audit report: ``render_audit_document_pdf(data) -> bytes``. Pure."""

from django.utils import translation
from reportlab.lib.units import mm
from reportlab.platypus import Table

from reports.data import AuditDocument
from reports.pdf.layout import Heading
from reports.pdf.styles import BODY, CELL, H2, TITLE, build_pdf, date_text, grid_style, para, section_flowables

WIDTH = 174 * mm


def render_audit_document_pdf(data: AuditDocument) -> bytes:
    with translation.override(data.header.language):
        return build_pdf(data.header, title=data.title, story=_story(data))


def _story(data: AuditDocument) -> list:
    header = data.header
    story = [
        para(data.title, TITLE),
        para(f"{header.issuer} · {date_text(header.generated_at, header.language)}", BODY),
    ]
    table = Table([[para(f.label, CELL), para(f.value, BODY)] for f in data.fields], colWidths=[45 * mm, 129 * mm])
    table.setStyle(grid_style(numeric_from=99))
    story += [Heading(data.header.subject, H2, key="fields", level=0), table]
    for section in data.tables:
        story += section_flowables(section, width=WIDTH)
    if data.closing:
        story.append(para(data.closing, BODY))
    return story
