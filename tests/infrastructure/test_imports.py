"""Pure import stages: reading (formats, encodings, quirks) and row validation. No database."""

import io
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from django.utils import translation
from openpyxl import Workbook

from infrastructure import imports
from infrastructure.imports import (
    ImportFileError,
    RowError,
    oid_ancestors,
    parse_date,
    read_agency_frame,
    validate_agency_rows,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
OID_HEADER = '"機關名稱","OID","電話","地址","DN"\r\n'


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English (the source text); zh-Hant is the translators' business."""
    with translation.override("en"):
        yield


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def oid_csv(*rows: str, header: str = OID_HEADER) -> bytes:
    return b"\xef\xbb\xbf" + (header + "".join(row + "\r\n" for row in rows)).encode("utf-8")


def validate(content: bytes, filename: str = "roster.csv", file_format: str = "auto"):
    return validate_agency_rows(read_agency_frame(content=content, filename=filename), file_format=file_format)


def msg(template, **values) -> str:
    return str(template).format(**values)


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ods_bytes(rows) -> bytes:
    buffer = io.BytesIO()
    pd.DataFrame(rows[1:], columns=rows[0]).to_excel(buffer, index=False, engine="odf")
    return buffer.getvalue()


SAMPLE_ROWS = [
    ["機關名稱", "OID", "電話", "地址", "DN"],
    ["行政院", "2.16.886.101.20003", "02-33566500", "臺北市中正區忠孝東路1段1號", "ou=行政院"],
    [" 內政部 ", "2.16.886.101. 20006", None, "臺北市中正區徐州路5號", "ou=內政部"],
]


# Reading ------------------------------------------------------------------------------------------


def test_oid_export_fixture_reads_with_bom_quotes_and_stray_spaces():
    rows, errors = validate(fixture_bytes("oid_registry_sample.csv"))

    assert errors == []
    assert [row.row for row in rows] == list(range(2, 12))
    assert rows[0].name == "行政院" and rows[0].file_format == "oid"
    assert rows[2].oid == "2.16.886.101.20003.20006.20018"  # " 2.16…20018 " in the file
    assert rows[4].name == "外交部" and rows[4].oid == "2.16.886.101.20003.20007"  # "外交部 ", "…20003. 20007"
    assert rows[5].address == "臺北市中正區凱達格蘭大道2號"
    assert [row.name for row in rows].count("秘書室") == 2  # duplicate names are allowed


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp950", "big5", "utf-16", "utf-16-le", "utf-16-be"])
def test_csv_encodings_are_detected(encoding):
    text = "機關名稱,OID,電話,地址,DN\r\n臺灣銀行,2.16.886.101.20003.20009.1,02-23493456,臺北市中正區重慶南路1段120號,ou=臺灣銀行\r\n"

    rows, errors = validate(text.encode(encoding))

    assert errors == []
    assert (rows[0].name, rows[0].address) == ("臺灣銀行", "臺北市中正區重慶南路1段120號")


def test_big5_file_is_not_mistaken_for_a_western_encoding():
    """A wrong guess (latin-1 and friends decode any byte) would yield mojibake names."""
    frame = read_agency_frame(content=fixture_bytes("sngo_sectors_big5.csv"), filename="sectors.csv")

    assert list(frame["機關名稱"]) == ["台灣中油股份有限公司", "臺北捷運公司", "財團法人台灣網路資訊中心"]


def test_utf16_tab_separated_unicode_text_from_excel():
    rows, errors = validate(fixture_bytes("oid_registry_utf16.csv"))

    assert errors == []
    assert [(row.name, row.oid) for row in rows] == [
        ("行政院", "2.16.886.101.20003"),
        ("內政部", "2.16.886.101.20003.20006"),
    ]


def test_excel_text_wrappers_are_removed():
    frame = read_agency_frame(content=fixture_bytes("sngo_sectors_big5.csv"), filename="sectors.csv")

    assert list(frame["機關代碼"]) == ["03707901", "84149786", "16091869"]
    assert list(frame["電話"])[0] == "052241111"


@pytest.mark.parametrize(
    "value, expected",
    [
        ('="0223565005"', "0223565005"),
        ("  行政院\u3000", "行政院"),
        ("\xa0x\xa0", "x"),
        (None, ""),
        (float("nan"), ""),
        ("=SUM(A1)", "=SUM(A1)"),
        ('="" ', ""),
    ],
)
def test_clean_cell(value, expected):
    assert imports.clean_cell(value) == expected


def test_xlsx_reads_first_sheet():
    rows, errors = validate(xlsx_bytes(SAMPLE_ROWS), filename="roster.xlsx")

    assert errors == []
    assert [(row.row, row.name, row.oid, row.phone) for row in rows] == [
        (2, "行政院", "2.16.886.101.20003", "02-33566500"),
        (3, "內政部", "2.16.886.101.20006", ""),
    ]


def test_ods_reads_first_sheet():
    rows, errors = validate(ods_bytes(SAMPLE_ROWS), filename="roster.ods")

    assert errors == []
    assert [(row.name, row.oid) for row in rows] == [("行政院", "2.16.886.101.20003"), ("內政部", "2.16.886.101.20006")]


def test_renamed_xlsx_is_read_by_its_content():
    rows, errors = validate(xlsx_bytes(SAMPLE_ROWS), filename="roster.csv")

    assert errors == [] and len(rows) == 2


def test_openpyxl_engine_reads_the_same_as_the_default(monkeypatch):
    monkeypatch.setattr(imports, "excel_engine", lambda: None)

    rows, errors = validate(xlsx_bytes(SAMPLE_ROWS), filename="roster.xlsx")

    assert errors == [] and [row.name for row in rows] == ["行政院", "內政部"]


BROKEN_XLSX = (imports.BROKEN_SPREADSHEET, {"kind": "XLSX", "ext": "xlsx"})


@pytest.mark.parametrize(
    "content, filename, expected",
    [
        (fixture_bytes("broken.xlsx"), "roster.xlsx", BROKEN_XLSX),
        (b"this is not a workbook", "roster.xlsx", BROKEN_XLSX),
        (b"PK\x03\x04garbage", "roster.ods", (imports.BROKEN_SPREADSHEET, {"kind": "ODS", "ext": "ods"})),
        (imports.OLE2_MAGIC + b"\x00" * 100, "roster.xls", (imports.LEGACY_EXCEL, {})),
        (b"", "roster.csv", (imports.EMPTY_FILE, {})),
        (b" \r\n\r\n", "roster.csv", (imports.EMPTY_FILE, {})),
        (b"\xef\xbb\xbf", "roster.csv", (imports.EMPTY_FILE, {})),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01", "roster.csv", (imports.NOT_TEXT, {})),
    ],
)
def test_unreadable_files_give_one_clear_error(content, filename, expected):
    with pytest.raises(ImportFileError) as error:
        read_agency_frame(content=content, filename=filename)

    template, values = expected
    assert error.value.message == msg(template, **values)


def test_broken_xlsx_message_in_english():
    with pytest.raises(ImportFileError) as error:
        read_agency_frame(content=fixture_bytes("broken.xlsx"), filename="roster.xlsx")

    assert error.value.message == (
        "The file is not a readable XLSX spreadsheet: it may be damaged, or another kind of file renamed to .xlsx."
    )


def test_blank_lines_are_skipped_and_keep_row_numbers():
    rows, errors = validate(
        oid_csv('"行政院","2.16.886.101.20003","","",""', "", '"內政部","2.16.886.101.20003.20006","","",""')
    )

    assert errors == []
    assert [row.row for row in rows] == [2, 4]


# Format detection and columns ---------------------------------------------------------------------


def test_missing_required_column_is_one_error_naming_it():
    rows, errors = validate(
        oid_csv('"2.16.886.101.20003","02-1","臺北市","ou=x"', header='"OID","電話","地址","DN"\r\n')
    )

    assert rows == []
    assert errors == [RowError(1, "機關名稱", msg(imports.MISSING_COLUMN, column="機關名稱"))]


def test_missing_oid_column_when_the_format_is_forced():
    rows, errors = validate(
        oid_csv('"行政院","02-1","臺北市","ou=x"', header='"機關名稱","電話","地址","DN"\r\n'), file_format="oid"
    )

    assert errors == [RowError(1, "OID", msg(imports.MISSING_COLUMN, column="OID"))]


def test_csma_file_needs_an_identifier_column():
    _rows, errors = validate("name,kind\r\n台灣電力股份有限公司,sngo\r\n".encode())

    assert errors == [RowError(1, "oid", msg(imports.MISSING_IDENTIFIER_COLUMN, oid="oid", org_code="org_code"))]


def test_unrecognised_header():
    _rows, errors = validate(b"foo,bar\r\n1,2\r\n")

    assert errors == [RowError(1, "", str(imports.UNKNOWN_HEADER))]


def test_header_only():
    _rows, errors = validate(oid_csv())

    assert errors == [RowError(None, "", str(imports.NO_DATA_ROWS))]


def test_unknown_requested_format():
    _rows, errors = validate(oid_csv('"行政院","2.16.886.101.20003","","",""'), file_format="xml")

    assert errors == [RowError(None, "", msg(imports.UNKNOWN_FORMAT, value="xml"))]


@pytest.mark.parametrize(
    "headers, expected",
    [
        (["機關名稱", "OID", "電話", "地址", "DN"], "oid"),
        (["機關名稱", "OID", "電話", "地址", "DN", "OrgCode"], "oid"),
        (["name", "oid", "kind"], "csma"),
        (["機關名稱", "機關代碼", "資通安全責任等級"], "csma"),
        (["Name", "ORG CODE"], "csma"),
        (["foo"], None),
    ],
)
def test_detect_format(headers, expected):
    assert imports.detect_format(headers) == expected


# Row validation: every bad row, with its number and column ------------------------------------------


def test_duplicate_oids_are_an_error_on_every_duplicate_row():
    rows, errors = validate(
        oid_csv(
            '"行政院","2.16.886.101.20003","","",""',
            '"內政部","2.16.886.101.20003.20006","","",""',
            '"內政部(重複)"," 2.16.886.101.20003.20006","","",""',
            '"外交部","2.16.886.101.20003.20007","","",""',
            '"內政部(三)","2.16.886.101.20003.20006 ","","",""',
        )
    )

    duplicate = msg(imports.DUPLICATE_VALUE, value="2.16.886.101.20003.20006", rows="3, 4, 6")
    assert rows == []
    assert errors == [RowError(3, "OID", duplicate), RowError(4, "OID", duplicate), RowError(6, "OID", duplicate)]


def test_duplicate_org_codes_are_an_error_on_every_duplicate_row():
    _rows, errors = validate("name,org_code\r\n甲公司,12345678\r\n乙公司,1234 5678\r\n".encode())

    duplicate = msg(imports.DUPLICATE_VALUE, value="12345678", rows="2, 3")
    assert errors == [RowError(2, "org_code", duplicate), RowError(3, "org_code", duplicate)]


def test_every_bad_row_is_reported():
    rows, errors = validate(
        oid_csv(
            '"行政院","2.16.886.101.20003","","",""',
            '"","2.16.886.101.20003.20006","","",""',
            '"外交部","","","",""',
            '"經濟部","2.16.886.101.20003.20008a","","",""',
            '"' + "長" * 201 + '","2.16.886.101.20003.20009","","",""',
        )
    )

    assert rows == []
    assert errors == [
        RowError(3, "機關名稱", str(imports.REQUIRED_VALUE)),
        RowError(4, "OID", str(imports.REQUIRED_VALUE)),
        RowError(5, "OID", msg(imports.INVALID_OID, value="2.16.886.101.20003.20008a")),
        RowError(6, "機關名稱", msg(imports.TOO_LONG, limit=200)),
    ]


def test_full_width_oid_is_normalised():
    rows, errors = validate(oid_csv('"行政院","２．１６．８８６．１０１．２０００３","","",""'))

    assert errors == [] and rows[0].oid == "2.16.886.101.20003"


CSMA_HEADER = "name,oid,org_code,kind,sngo_category,sectors,level,level_effective_from,regulator,parent\r\n"


def test_csma_row_values_are_normalised():
    rows, errors = validate(
        (
            CSMA_HEADER
            + "台灣電力,,03795904,特定非公務機關,公營事業,能源、水資源; finance,Ａ級,115/01/05,A15000000E,\r\n"
            "經濟部,2.16.886.101.20003.20008,,,,,b,2026-1-5,,2.16.886.101. 20003\r\n"
        ).encode()
    )

    assert errors == []
    power, ministry = rows
    assert (power.kind, power.sngo_category, power.sectors) == ("sngo", "state_owned", ("能源", "水資源", "finance"))
    assert (power.level, power.level_effective_from, power.regulator) == ("A", date(2026, 1, 5), "A15000000E")
    assert (ministry.kind, ministry.level, ministry.parent) == ("government", "B", "2.16.886.101.20003")
    assert power.header("sngo_category") == "sngo_category"


def test_csma_invalid_values_each_give_an_error():
    rows, errors = validate(
        (
            CSMA_HEADER + "甲,,1,agency,,,,,,\r\n"
            "乙,,2,government,state_owned,,,,,\r\n"
            "丙,,3,,,,F,,,\r\n"
            "丁,,4,,,,,2026-02-30,,\r\n"
            "戊,,5,,,,,2026-01-05,,\r\n"
            "己,,,,,,,,,\r\n"
        ).encode()
    )

    assert rows == []
    assert errors == [
        RowError(2, "kind", msg(imports.INVALID_CHOICE, value="agency", choices=", ".join(imports.KIND_VALUES))),
        RowError(3, "sngo_category", str(imports.CATEGORY_ONLY_FOR_SNGO)),
        RowError(4, "level", msg(imports.INVALID_LEVEL, value="F")),
        RowError(5, "level_effective_from", msg(imports.INVALID_DATE, value="2026-02-30")),
        RowError(6, "level_effective_from", str(imports.DATE_WITHOUT_LEVEL)),
        RowError(7, "oid", str(imports.MISSING_IDENTIFIER)),
    ]


def test_csma_chinese_headers_are_reported_as_written():
    _rows, errors = validate("機關名稱,機關代碼,資通安全責任等級\r\n台灣電力,03795904,Z\r\n".encode())

    assert errors == [RowError(2, "資通安全責任等級", msg(imports.INVALID_LEVEL, value="Z"))]


def test_csma_template_example_is_valid():
    rows, errors = validate(fixture_bytes("csma_template_example.csv"))

    assert errors == []
    assert [row.name for row in rows][:3] == ["行政院", "經濟部", "數位發展部"]
    assert rows[2].level_effective_from == date(2026, 1, 5)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2026-01-05", date(2026, 1, 5)),
        ("2026/1/5", date(2026, 1, 5)),
        ("2026-01-05 00:00:00", date(2026, 1, 5)),
        ("115/01/05", date(2026, 1, 5)),
        ("民國115年1月5日", date(2026, 1, 5)),
        ("99.12.31", date(2010, 12, 31)),
        ("2026-13-01", None),
        ("tomorrow", None),
        ("2026-01-05 12:30:00", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_oid_ancestors_nearest_first_down_to_two_arcs():
    assert oid_ancestors("2.16.886.101.20003.20006") == ["2.16.886.101.20003", "2.16.886.101", "2.16.886", "2.16"]
    assert oid_ancestors("2.16") == []
