"""The filled checklist in the layout of the official form (附件1-1 資通安全實地稽核項目檢核表, ODF: the
government's document standard, CNS 15251), so it can be attached to the official letter unchanged.

Pure: frozen answers in, bytes out. The official form ships in audits/data/; each item row keeps its
place and style; a mark goes in the result column, the description and the records in their cells."""

import io
from dataclasses import dataclass
from pathlib import Path

from odf import element, table, teletype, text
from odf.opendocument import load

FORM = Path(__file__).resolve().parent / "data" / "checklist_115_gov_agencies_official_form.odt"
RESULT_COLUMNS = {"conforms": 2, "partial": 3, "nonconforming": 4, "not_applicable": 5}
DESCRIPTION_COLUMN, RECORDS_COLUMN = 6, 7
MARK = "■"


@dataclass(frozen=True)
class FilledItem:
    item_no: str
    result: str
    description: str
    records: str


@dataclass(frozen=True)
class FilledChecklist:
    agency_name: str
    filled_by: str
    filled_on_roc: str  # e.g. "115/3/16"
    items: tuple[FilledItem, ...]


def _set_text(cell, value: str) -> None:
    paragraphs = cell.getElementsByType(text.P)
    if paragraphs:
        _replace(paragraphs[0], value)
    else:
        paragraph = text.P()
        cell.addElement(paragraph)
        teletype.addTextToElement(paragraph, value)


def direct_cells(row) -> list:
    """The row's own cells (item 7.6 holds a table of its own inside its question cell)."""
    return [node for node in row.childNodes if getattr(node, "qname", None) == table.TableCell().qname]


def _fill_rows(document, answers: dict[str, FilledItem]) -> None:
    for row in document.getElementsByType(table.Table)[0].getElementsByType(table.TableRow):
        cells = direct_cells(row)
        if len(cells) <= RECORDS_COLUMN:
            continue
        item = answers.get(teletype.extractText(cells[0]).strip())
        if item is None:
            continue
        if item.result in RESULT_COLUMNS:
            _set_text(cells[RESULT_COLUMNS[item.result]], MARK)
        _set_text(cells[DESCRIPTION_COLUMN], item.description)
        _set_text(cells[RECORDS_COLUMN], item.records)


def _fill_heading(document, data: FilledChecklist) -> None:
    for paragraph in document.text.getElementsByType(text.P):
        content = teletype.extractText(paragraph)
        if content.startswith("機關名稱："):
            _replace(paragraph, f"機關名稱：{data.agency_name}")
        elif "填表人：" in content and "填表日期：" in content:
            _replace(paragraph, f"填表人：{data.filled_by}\u3000\u3000\u3000\u3000填表日期：{data.filled_on_roc}")


def _replace(paragraph, value: str) -> None:
    """The paragraph's text becomes ``value``; its own style stays (odfpy cannot remove bare text nodes
    through removeChild, so they are emptied)."""
    for child in list(paragraph.childNodes):
        if isinstance(child, element.Text):
            child.data = ""
        else:
            paragraph.removeChild(child)
    teletype.addTextToElement(paragraph, value)


def render_checklist_odt(data: FilledChecklist, *, form: Path = FORM) -> bytes:
    document = load(str(form))
    _fill_heading(document, data)
    _fill_rows(document, {item.item_no: item for item in data.items})
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()
