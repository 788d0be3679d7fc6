"""The filled checklist in the official form's layout: the mark in the right column, the texts in theirs,
every other row and the heading of the form as they were."""

from odf import table, teletype, text
from odf.opendocument import load

from audits.odt import FORM, FilledChecklist, FilledItem, direct_cells, render_checklist_odt


def _rows(document):
    rows = {}
    for row in document.getElementsByType(table.Table)[0].getElementsByType(table.TableRow):
        cells = [teletype.extractText(c).strip() for c in direct_cells(row)]
        if len(cells) == 8 and cells[0][:1].isdigit():
            rows[cells[0]] = cells
    return rows


def test_marks_and_texts_land_in_the_official_columns(tmp_path):
    data = FilledChecklist(
        agency_name="台灣電力股份有限公司",
        filled_by="王建宏",
        filled_on_roc="115/3/16",
        items=(
            FilledItem("1.1", "conforms", "已完成營運衝擊分析", "BIA報告v3"),
            FilledItem("2.4", "nonconforming", "未訂內部稽核計畫", ""),
            FilledItem("9.8", "not_applicable", "", ""),
        ),
    )
    path = tmp_path / "filled.odt"
    path.write_bytes(render_checklist_odt(data))
    filled, blank = _rows(load(str(path))), _rows(load(str(FORM)))
    assert len(filled) == len(blank) == 87
    assert filled["1.1"][2:] == ["■", "", "", "", "已完成營運衝擊分析", "BIA報告v3"]
    assert filled["2.4"][2:] == ["", "", "■", "", "未訂內部稽核計畫", ""]
    assert filled["9.8"][2:6] == ["", "", "", "■"]
    assert filled["1.1"][:2] == blank["1.1"][:2]  # item and question unchanged
    assert filled["3.1"] == blank["3.1"]
    assert filled["7.6"] == blank["7.6"]  # the nested table of controls by level stays
    paragraphs = [teletype.extractText(p) for p in load(str(path)).text.getElementsByType(text.P)]
    assert "機關名稱：台灣電力股份有限公司" in paragraphs
    assert any("填表人：王建宏" in p and "填表日期：115/3/16" in p for p in paragraphs)
