"""Registry export: CSV (UTF-8 with BOM) and XLSX, formula injection neutralised, constant queries."""

import csv
import io
from datetime import date, datetime

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook

from infrastructure import exports, selectors, services
from infrastructure.exports import agency_export
from infrastructure.models import Sector
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

INJECTION = "=cmd|' /C calc'!A0"
HEADER = [
    "Name",
    "English name",
    "OID",
    "Organisation code",
    "Kind",
    "SNGA category",
    "Superior agency",
    "Sector regulator",
    "Sectors",
    "Responsibility level",
    "Re-approval due",
    "Address",
    "Phone",
    "Active",
    "Dissolved on",
    "Superior agency (OID or code)",
    "Sector regulator (OID or code)",
]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def registry_with_a_hostile_name():
    """經濟部 (level B, approved 2025-01-01) with a regulated SNGA whose name and phone start like formulas."""
    ministry = AgencyFactory(name="經濟部", name_en="Ministry of Economic Affairs", oid="2.16.886.101.20003.20008")
    decision = services.level_propose(agency=ministry, level="B", criteria=["B-2"], now=timezone.now())
    services.level_approve(
        decision=decision, effective_from=date(2025, 1, 1), now=timezone.make_aware(datetime(2025, 1, 1, 9))
    )
    company = AgencyFactory(
        name=INJECTION,
        org_code="03795904",
        kind="sngo",
        sngo_category="state_owned",
        parent=ministry,
        regulator=ministry,
        phone="+886-2-2365-1234",
        address="@臺北市",
        is_active=False,
        dissolved_on=date(2026, 6, 30),
    )
    company.sectors.set(Sector.objects.filter(code__in=["energy", "water"]))
    return ministry, company


def export(file_format: str) -> tuple[bytes, str]:
    return agency_export(
        agencies=selectors.agency_list(filters=selectors.AgencyFilters(is_active=None), on=date(2026, 1, 1)),
        file_format=file_format,
    )


def test_csv_is_utf8_with_bom_and_neutralised(registry_with_a_hostile_name):
    content, content_type = export("csv")

    assert content_type == "text/csv; charset=utf-8"
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows == [
        HEADER,
        [
            "經濟部",
            "Ministry of Economic Affairs",
            "2.16.886.101.20003.20008",
            "",
            "Government agency",
            "",
            "",
            "",
            "",
            "B",
            "2027-01-01",
            "",
            "",
            "Yes",
            "",
            "",
            "",
        ],
        [
            "'" + INJECTION,
            "",
            "",
            "03795904",
            "Specific non-government agency",
            "State-owned enterprise",
            "經濟部",
            "經濟部",
            "能源、水資源",
            "",
            "",
            "'@臺北市",
            "'+886-2-2365-1234",
            "No",
            "2026-06-30",
            "2.16.886.101.20003.20008",  # the superior agency and regulator by identifier, for re-import
            "2.16.886.101.20003.20008",
        ],
    ]


def test_xlsx_cells_are_text_not_formulas(registry_with_a_hostile_name):
    content, content_type = export("xlsx")

    assert content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(content)).active
    assert [cell.value for cell in sheet[1]] == HEADER
    company = sheet[3]
    assert (company[0].value, company[0].data_type) == ("'" + INJECTION, "s")
    assert (company[11].value, company[12].value) == ("'@臺北市", "'+886-2-2365-1234")
    assert company[8].value == "能源、水資源"
    assert (company[14].value, company[14].number_format) == (datetime(2026, 6, 30), exports.DATE_FORMAT)
    assert sheet[2][10].value == datetime(2027, 1, 1)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_xlsx_drops_control_characters_that_would_break_the_workbook():
    AgencyFactory(name="壞\x07名稱")

    content, _type = export("xlsx")

    assert load_workbook(io.BytesIO(content)).active["A2"].value == "壞名稱"


@pytest.mark.parametrize("file_format", exports.FORMATS)
def test_export_queries_do_not_grow_with_rows(file_format, django_assert_num_queries):
    parent = AgencyFactory(name="行政院")
    for number in range(30):
        AgencyFactory(name=f"機關{number}", parent=parent).sectors.set(Sector.objects.filter(code="energy"))

    with django_assert_num_queries(2):  # agencies with parent, regulator and level; their sectors
        content, _type = export(file_format)

    assert content


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        agency_export(agencies=selectors.agency_list(), file_format="pdf")
