"""The incident report PDF (one incident): ``render_incident_pdf(data) -> bytes``."""

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Table

from reports.data import IncidentSheet
from reports.pdf.layout import Heading
from reports.pdf.styles import BODY, CELL, H1, TITLE, build_pdf, date_text, grid_style, no_data, para, simple_table


def render_incident_pdf(data: IncidentSheet) -> bytes:
    with translation.override(data.header.language):
        title = _("Cyber security incident report: %(subject)s") % {"subject": data.header.subject}
        return build_pdf(data.header, title=title, story=_story(data, title))


def _story(data: IncidentSheet, title: str) -> list:
    lang = data.header.language
    story = [
        para(title, TITLE),
        para(
            f"{data.header.issuer} · {data.header.number or _('Draft (not issued)')} · {date_text(data.header.generated_at, lang)}",
            BODY,
        ),
    ]
    story.append(Heading(_("Notification"), H1, key="fields"))
    table = Table([[para(f.label, CELL), para(f.value, BODY)] for f in data.fields], colWidths=[45 * mm, 129 * mm])
    table.setStyle(grid_style(numeric_from=99))
    story.append(table)
    story += _clocks(data, lang)
    for key, heading, lines in (
        ("reviews", _("Review decisions"), data.reviews),
        ("timeline", _("Timeline"), data.timeline),
    ):
        story.append(Heading(heading, H1, key=key))
        if lines:
            rows = [[date_text(t.at, lang), t.label, t.actor, t.detail] for t in lines]
            widths = [34 * mm, 44 * mm, 34 * mm, 62 * mm]
            story.append(simple_table([_("When"), _("What"), _("Who"), _("Details")], rows, widths, numeric_from=99))
        else:
            story.append(no_data())
    return story


def _clocks(data: IncidentSheet, lang: str) -> list:
    story = [Heading(_("Legal clocks"), H1, key="clocks")]
    if data.clocks:
        rows = [
            [
                c.label,
                date_text(c.started_at, lang),
                date_text(c.due_at, lang),
                date_text(c.met_at, lang) if c.met_at else "—",
                c.state,
            ]
            for c in data.clocks
        ]
        story.append(
            simple_table(
                [_("Clock"), _("Counted from"), _("Due at"), _("Done at"), _("State")],
                rows,
                [48 * mm, 32 * mm, 32 * mm, 32 * mm, 30 * mm],
                numeric_from=99,
            )
        )
    else:
        story.append(no_data())
    return story
