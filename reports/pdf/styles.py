"""Shared look of every report: paragraph and table styles, formatting in the report's language, the
cover, and ``build_pdf`` (one layout pass, see layout.py). Strings are translated through Django's gettext
under the report's language (as pretix's invoice renderer does); no settings, no ORM, no now()."""

from datetime import date, datetime
from decimal import Decimal
from functools import partial
from io import BytesIO

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from common.roc import TAIPEI, roc_year
from reports.data import ReportHeader, Section
from reports.pdf import fonts
from reports.pdf.layout import Decor, Heading, ReportCanvas, ReportDocTemplate, TableOfContents, body_pages

GREY_HEADER = colors.Color(0.85, 0.85, 0.85)
GREY_STRIPE = colors.Color(0.95, 0.95, 0.95)
NO_DATA = "無資料"


def _style(name: str, **kw) -> ParagraphStyle:
    base = {"fontName": fonts.SANS, "fontSize": 10, "leading": 15, "wordWrap": "CJK"}
    return ParagraphStyle(name, **(base | kw))


BODY = _style("body")
SMALL = _style("small", fontSize=8, leading=11)
CELL = _style("cell", fontSize=7.5, leading=9)
H1 = _style("h1", fontName=fonts.SANS_BOLD, fontSize=15, leading=22, spaceBefore=6, spaceAfter=8)
H2 = _style("h2", fontName=fonts.SANS_BOLD, fontSize=12, leading=18, spaceBefore=8, spaceAfter=4)
TITLE = _style("title", fontName=fonts.SANS_BOLD, fontSize=22, leading=32, alignment=TA_CENTER)
COVER = _style("cover", fontSize=12, leading=20, alignment=TA_CENTER)
MARK = _style("mark", fontName=fonts.SANS_BOLD, fontSize=16, leading=24, alignment=TA_CENTER)


def is_zh(language: str) -> bool:
    return language.lower().startswith("zh")


def year_label(year: int, language: str) -> str:
    return f"{roc_year(year)}年度" if is_zh(language) else str(year)


def date_text(value: date | None, language: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        value = value.astimezone(TAIPEI)
        day = date_text(value.date(), language)
        return f"{day} {value:%H:%M}"
    return f"{roc_year(value.year)}/{value.month:02d}/{value.day:02d}" if is_zh(language) else value.isoformat()


def pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{value} %"


def delta_points(current: Decimal | None, previous: Decimal | None) -> str:
    if current is None or previous is None:
        return "—"
    change = current - previous
    sign = "+" if change > 0 else ""
    return _("%(sign)s%(value)s pp") % {"sign": sign, "value": change}


def delta_count(current: int, previous: int | None) -> str:
    if previous is None:
        return "—"
    change = current - previous
    return f"+{change}" if change > 0 else str(change)


def minutes_text(minutes: int | None) -> str:
    """A clock's time taken (reports.figures.stats: whole minutes), the one formatter of the PDFs, the ODT
    and the dashboards (reports_tags.duration)."""
    if minutes is None:
        return "—"
    hours, rest = divmod(minutes, 60)
    return _("%(h)d h %(m)02d min") % {"h": hours, "m": rest}


def para(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(fonts.markup(text).replace("\n", "<br/>"), style)


def cell(text: str, width: float, font_size: float = 7.5):
    """A plain string when it fits on one line in the primary font (fast), else a wrapping Paragraph."""
    if not fonts.needs_fallback(text) and fonts.pdfmetrics.stringWidth(text, fonts.SANS, font_size) <= width - 4:
        return text
    return Paragraph(fonts.markup(text), CELL)


def grid_style(*, header_rows: int = 1, font_size: float = 8, numeric_from: int = 1) -> TableStyle:
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), fonts.SANS, font_size),
            ("FONT", (0, 0), (-1, header_rows - 1), fonts.SANS_BOLD, font_size),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), GREY_HEADER),
            ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (numeric_from, header_rows), (-1, -1), "RIGHT"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
    )


def simple_table(
    header: list[str], rows: list[list], widths: list[float], *, numeric_from: int = 1, kind=Table
) -> Table:
    data = [[cell(str(h), w, 8) for h, w in zip(header, widths, strict=True)]]
    data += [
        [cell(str(v), w, 8) if isinstance(v, str) else v for v, w in zip(row, widths, strict=True)] for row in rows
    ]
    table = kind(data, colWidths=widths, repeatRows=1)
    table.setStyle(grid_style(numeric_from=numeric_from))
    return table


def no_data() -> Paragraph:
    return para(NO_DATA)


def section_flowables(section: Section, *, width: float) -> list:
    """A contributed section (audits, …): its table, or 無資料 when the source has no rows yet."""
    story: list = [Heading(section.title, H2, key=f"section-{section.key}", level=1)]
    if not section.rows or not section.columns:
        story.append(no_data())
    else:
        widths = [width / len(section.columns)] * len(section.columns)
        story.append(simple_table(list(section.columns), [list(r) for r in section.rows], widths))
    if section.note:
        story.append(para(section.note, SMALL))
    return story


def cover(header: ReportHeader, title: str) -> list:
    lang = header.language
    lines = [
        (_("Issuing authority"), header.issuer),
        (_("Report number"), header.number or _("Draft (not issued)")),
        (_("Version"), str(header.version)),
        (_("Generated at"), date_text(header.generated_at, lang)),
    ]
    if header.correction_reason:
        lines.append((_("Corrects report"), header.supersedes_number))
        lines.append((_("Reason for the correction"), header.correction_reason))
    story = [Spacer(1, 40 * mm), para(header.classification, MARK), Spacer(1, 20 * mm), para(title, TITLE)]
    story += [Spacer(1, 30 * mm)]
    table = Table([[para(k, COVER), para(v, COVER)] for k, v in lines], colWidths=[55 * mm, 95 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), fonts.SANS, 10)]))
    story += [table, body_pages(), PageBreak()]
    return story


def contents(entries: tuple[tuple[str, str, int], ...]) -> list:
    return [para(_("Contents"), H1), Spacer(1, 4 * mm), TableOfContents(entries), PageBreak()]


def build_pdf(header: ReportHeader, *, title: str, story: list) -> bytes:
    fonts.register_fonts()
    buffer = BytesIO()
    doc = ReportDocTemplate(buffer, title=title, author=header.issuer, subject=header.subject)
    decor = Decor(
        title=title,
        classification=header.classification,
        number=header.number or _("Draft (not issued)"),
        page_label=lambda page, total: _("Page %(page)d of %(total)d") % {"page": page, "total": total},
        draft_label=_("DRAFT") if header.is_draft else "",
    )
    doc.build(story, canvasmaker=partial(ReportCanvas, decor=decor))
    return buffer.getvalue()


def keep(*flowables) -> KeepTogether:
    return KeepTogether(list(flowables))
