"""One layout pass for 共 Y 頁 and the table of contents.

ReportLab's ``multiBuild`` lays the whole document out again until the TOC's page numbers settle. Here the
canvas keeps every finished page in memory (``showPage`` only stores the page's operators) and writes them
out at ``save()``, when the page count and the page of every heading are known: the footer then prints
"第 X 頁／共 Y 頁" and the table of contents, whose entries (and so its height) are fixed by the data, gets
its page numbers and links drawn onto its own page. Bookmarks (the PDF outline) are replayed the same way.
"""

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageTemplate, Paragraph

from reports.pdf import fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
LateDraw = Callable[[Canvas, int], None]  # (canvas, total pages) → draws on the page being written


@dataclass(frozen=True)
class Decor:
    """What every page but the cover shows: header title, classification marking, footer."""

    title: str
    classification: str
    number: str
    page_label: Callable[[int, int], str]  # (page, total) → "第 X 頁／共 Y 頁"
    draft_label: str = ""


class ReportCanvas(Canvas):
    def __init__(self, *args, decor: Decor, **kwargs):
        super().__init__(*args, **kwargs)
        self.decor = decor
        self.pages: list[dict] = []
        self.late: dict[int, list[LateDraw]] = {}
        self.headings: dict[str, int] = {}
        self.outline: list[tuple[int, str, str, int]] = []  # (page, key, title, level)

    def showPage(self):
        self.pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self.pages)
        for state in self.pages:
            self.__dict__.update(state)
            page = self._pageNumber
            for draw in self.late.get(page, ()):
                draw(self, total)
            self._decorate(page, total)
            for _page, key, title, level in (entry for entry in self.outline if entry[0] == page):
                self.bookmarkPage(key)
                self.addOutlineEntry(title, key, level=level)
            super().showPage()
        super().save()

    def _decorate(self, page: int, total: int) -> None:
        decor, size = self.decor, 8
        self.saveState()
        self.setFillGray(0)
        mark_y_top, mark_y_bottom = PAGE_HEIGHT - 10 * mm, 8 * mm
        fonts.draw_string(
            self, PAGE_WIDTH / 2, mark_y_top, decor.classification, font_name=fonts.SANS_BOLD, size=10, anchor="centre"
        )
        fonts.draw_string(
            self,
            PAGE_WIDTH / 2,
            mark_y_bottom,
            decor.classification,
            font_name=fonts.SANS_BOLD,
            size=10,
            anchor="centre",
        )
        if page > 1:
            fonts.draw_string(self, MARGIN, mark_y_top, decor.title, font_name=fonts.SANS, size=size)
            self.setLineWidth(0.4)
            self.line(MARGIN, mark_y_top - 2 * mm, PAGE_WIDTH - MARGIN, mark_y_top - 2 * mm)
        if decor.draft_label:
            fonts.draw_string(
                self,
                PAGE_WIDTH - MARGIN,
                mark_y_top,
                decor.draft_label,
                font_name=fonts.SANS_BOLD,
                size=size,
                anchor="right",
            )
        fonts.draw_string(self, MARGIN, mark_y_bottom + 5 * mm, decor.number, font_name=fonts.SANS, size=size)
        label = decor.page_label(page, total)
        fonts.draw_string(
            self, PAGE_WIDTH - MARGIN, mark_y_bottom + 5 * mm, label, font_name=fonts.SANS, size=size, anchor="right"
        )
        self.restoreState()


class Heading(Paragraph):
    """A section heading: recorded for the table of contents and the PDF outline."""

    def __init__(self, text: str, style, *, key: str, level: int = 0, toc_title: str = ""):
        super().__init__(fonts.markup(text), style)
        self.toc_key, self.toc_level, self.toc_title = key, level, toc_title or text


class ReportDocTemplate(BaseDocTemplate):
    def __init__(self, buffer, *, title: str, author: str, subject: str):
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + 4 * mm,
            bottomMargin=MARGIN + 4 * mm,
            title=title,
            author=author,
            subject=subject,
            creator="csma",
            invariant=1,
            initialFontName=fonts.SANS,
            initialFontSize=10,
        )
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate(id="cover", frames=[frame]), PageTemplate(id="body", frames=[frame])])

    def afterFlowable(self, flowable):
        if isinstance(flowable, Heading):
            self.canv.headings[flowable.toc_key] = self.page
            self.canv.outline.append((self.page, flowable.toc_key, flowable.toc_title, flowable.toc_level))


def body_pages() -> NextPageTemplate:
    return NextPageTemplate("body")


class TableOfContents(Flowable):
    """Entries known before layout (titles, keys, levels); page numbers and links are drawn at save()."""

    def __init__(self, entries: tuple[tuple[str, str, int], ...], *, size: float = 10.5, leading: float = 18):
        super().__init__()
        self.entries, self.size, self.leading = entries, size, leading

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        return availWidth, self.leading * len(self.entries)

    def draw(self):
        canvas, positions = self.canv, []
        for index, (key, title, level) in enumerate(self.entries):
            y = self.leading * (len(self.entries) - index - 1) + 4
            x = 8 * mm * level
            font = fonts.SANS_BOLD if level == 0 else fonts.SANS
            fonts.draw_string(canvas, x, y, title, font_name=font, size=self.size)
            end = x + sum(pdfmetrics.stringWidth(part, f, self.size) for f, part in fonts.runs(title, font))
            positions.append((key, canvas.absolutePosition(end, y), canvas.absolutePosition(self.width, y)))
        page = canvas.getPageNumber()
        canvas.late.setdefault(page, []).append(lambda c, _total: self._numbers(c, positions))

    def _numbers(self, canvas, positions) -> None:
        canvas.saveState()
        canvas.setDash(1, 2)
        canvas.setLineWidth(0.4)
        for key, (end_x, y), (right_x, _y) in positions:
            number = str(canvas.headings.get(key, ""))
            canvas.setFont(fonts.SANS, self.size)
            canvas.drawRightString(right_x, y, number)
            canvas.line(end_x + 2 * mm, y + 1, right_x - 8 * mm, y + 1)
            canvas.linkRect("", key, (end_x - 60 * mm, y - 3, right_x, y + self.size), relative=0, thickness=0)
        canvas.restoreState()
