"""Renderers without a database: PDF bytes, determinism, page count, text and fonts read back with poppler."""

import shutil
import subprocess
from dataclasses import replace

import pytest

from reports import snapshot
from reports.data import AgencyRow, Observations
from reports.pdf import fonts
from reports.pdf.sector import render_sector_summary_pdf
from reports.samples import sector_summary

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is installed by make test")


def rare_character() -> str:
    """A CJK character the primary font lacks and the fallback has (computed, not hard-coded)."""
    primary, fallback = fonts._cmap(fonts.SANS), fonts._cmap(fonts.FALLBACK)
    return chr(next(c for c in sorted(fallback - primary) if 0x4E00 <= c <= 0x9FFF))


def poppler(tool: str, pdf: bytes, tmp_path, *args: str) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        [tool, *args, str(path), "-"] if tool == "pdftotext" else [tool, *args, str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def pages(pdf: bytes, tmp_path) -> int:
    info = poppler("pdfinfo", pdf, tmp_path)
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_renders_a_pdf_and_the_same_input_gives_the_same_bytes():
    data = sector_summary(rows=40)
    first = render_sector_summary_pdf(data)
    assert first.startswith(b"%PDF-")
    assert render_sector_summary_pdf(sector_summary(rows=40)) == first


def test_snapshot_round_trip_renders_identical_bytes():
    data = sector_summary(rows=40)
    raw = snapshot.dump(data)
    assert snapshot.snapshot_load("sector", raw) == data
    assert render_sector_summary_pdf(snapshot.snapshot_load("sector", raw)) == render_sector_summary_pdf(data)


def test_page_count_and_footer_total(tmp_path):
    pdf = render_sector_summary_pdf(sector_summary(rows=40))
    total = pages(pdf, tmp_path)
    # cover, contents, summary, agencies, compliance (2 pages), incidents + drills + audits, observations,
    # the agency table (40 rows: one page), the appendix
    assert total == 10
    text = poppler("pdftotext", pdf, tmp_path, "-layout")
    assert f"第 1 頁／共 {total} 頁" in text and f"第 {total} 頁／共 {total} 頁" in text


def test_long_agency_table_flows_over_pages_with_the_header_on_each(tmp_path):
    pdf = render_sector_summary_pdf(sector_summary(rows=600))
    text = poppler("pdftotext", pdf, tmp_path)
    assert pages(pdf, tmp_path) >= 20
    assert text.count("最近稽核") >= 600 // 60  # the header row is repeated on every page of the table
    assert "臺北市政府環境保護局0" in text and "澎湖縣戶政事務所599" in text


def test_text_contains_agency_names_roc_year_classification_and_no_data(tmp_path):
    text = poppler("pdftotext", render_sector_summary_pdf(sector_summary(rows=40)), tmp_path)
    assert "115年度" in text
    assert "臺北市政府環境保護局0" in text and "交通部消防局第三救災救護大隊5" in text
    assert text.count("限閱") == 2 * 10 + 1  # top and bottom of every page, and once more on the cover
    assert "無資料" in text  # a section without rows
    assert "本年度整體遵循率提升。" in text and "建議加強社交工程演練。" in text


def test_english_on_request(tmp_path):
    text = poppler("pdftotext", render_sector_summary_pdf(sector_summary(rows=10, language="en")), tmp_path)
    assert "Executive summary" in text and "Page 1 of" in text
    assert "執行摘要" not in text


def test_fonts_are_embedded_truetype_subsets(tmp_path):
    name = "測試" + rare_character() + "機關"
    data = sector_summary(rows=5)
    data = replace(data, agencies=(*data.agencies, AgencyRow(99, name, "C", 1, 1, 0, (0, 0, 0, 0), 0)))
    listing = poppler("pdffonts", render_sector_summary_pdf(data), tmp_path)
    rows = [line.split() for line in listing.splitlines()[2:]]
    assert rows and all(row[-5] == "yes" for row in rows), listing  # emb
    names = " ".join(row[0] for row in rows)
    assert "NotoSansTC-Regular" in names and "NotoSansTC-Bold" in names and "UMingTW" in names
    assert all(row[1] == "TrueType" for row in rows)


def test_every_character_printed_exists_in_the_font_that_prints_it(tmp_path):
    rare = rare_character()
    name = f"臺北市{rare}里辦公處"
    runs = fonts.runs(name)
    assert (fonts.FALLBACK, rare) in runs
    for font, text in runs:
        assert all(fonts.has_glyph(font, char) for char in text)
    unknown = "\U000f0001"  # private use: in neither font → 〓
    assert fonts.runs(f"甲{unknown}") == [(fonts.SANS, "甲〓")]
    data = sector_summary(rows=3)
    data = replace(data, agencies=(*data.agencies, AgencyRow(98, name, "C", 1, 1, 0, (0, 0, 0, 0), 0)))
    assert name in poppler("pdftotext", render_sector_summary_pdf(data), tmp_path)


def test_draft_is_marked_and_has_no_number(tmp_path):
    data = sector_summary(rows=3)
    draft = replace(data, header=replace(data.header, is_draft=True, number=""), observations=Observations())
    text = poppler("pdftotext", render_sector_summary_pdf(draft), tmp_path)
    assert "草稿" in text and "CSMA-115-GOV-0001" not in text
