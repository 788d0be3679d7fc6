"""Issue 9 in the registry: filter chips, CSV rows with extra values, formula bypass, workbook bombs, large
uploads in the worker, the capped error list, the CLI size check, every bad row in one pass, and the round trip
of csma's own export. Each test failed on the code before the fix."""

import io
import zipfile
from datetime import date, datetime

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation

from infrastructure import import_services, selectors, services
from infrastructure.exports import agency_export
from infrastructure.imports import (
    EXTRA_FIELDS,
    INVISIBLE_CHARACTERS,
    TOO_LARGE_UNCOMPRESSED,
    TOO_MANY_COLUMNS,
    TOO_MANY_ROWS,
    RowError,
    read_agency_frame,
    validate_agency_rows,
)
from infrastructure.models import RegistryImport, Sector
from tests.conftest import otp_verify
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db
EY = "2.16.886.101.20003"


def _validated(text: str):
    return validate_agency_rows(read_agency_frame(content=text.encode("utf-8-sig"), filename="roster.csv"))


# 1. Filter chips -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["parent", "regulator"])
def test_a_filter_outside_the_users_scope_never_names_the_agency(client, world, users, key):
    client.force_login(users["auditor"])  # an auditor sees no agency
    response = client.get(reverse("infrastructure:agency_list"), {key: world["finance"].pk})
    assert response.status_code == 200
    assert "財政部" not in response.content.decode()
    assert response.context["chips"] == []


def test_a_filter_inside_the_scope_still_applies_and_is_named(client, world, users):
    client.force_login(users["mof"])  # superior agency 財政部 sees its subtree
    response = client.get(reverse("infrastructure:agency_list"), {"parent": world["finance"].pk, "active": "all"})
    assert [chip["agency"].name for chip in response.context["chips"]] == ["財政部"]
    assert [agency.name for agency in response.context["page"]] == ["財政部臺北國稅局"]


# 2. CSV rows with more values than the header ------------------------------------------------------------


def test_a_trailing_comma_is_accepted():
    rows, errors = _validated(f"機關名稱,OID,電話,地址,DN\n行政院,{EY},02-1,臺北市,ou=行政院,\n")
    assert errors == []
    assert [(row.name, row.dn) for row in rows] == [("行政院", "ou=行政院")]


def test_extra_values_are_a_row_error_listed_with_the_others():
    rows, errors = _validated(f"機關名稱,OID,電話,地址,DN\n行政院,{EY},02-1,臺北市,ou=行政院,多的\n,{EY}.1,,,\n")
    assert rows == []
    assert errors == [
        RowError(2, "", str(EXTRA_FIELDS).format(fields=6, columns=5)),
        RowError(3, "機關名稱", "This value is required."),
    ]


def test_extra_values_through_the_web_are_a_preview_error_not_a_server_error(client, regulator_user):
    client.force_login(regulator_user)
    content = f"機關名稱,OID,電話,地址,DN\n行政院,{EY},02-1,臺北市,ou=行政院,x\n".encode()
    upload = SimpleUploadedFile("roster.csv", content, content_type="text/csv")
    response = client.post(reverse("infrastructure:import_upload"), {"file": upload, "file_format": "auto"})
    assert response.status_code == 302
    assert RegistryImport.objects.get().errors == [
        {"row": 2, "column": "", "message": str(EXTRA_FIELDS).format(fields=6, columns=5)}
    ]


# 3. Formula protection bypass ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["\x01=cmd|' /C calc'!A0", "\x1b+1+1", "\u202e-2+3", " @SUM(A1)"])
def test_a_control_character_before_a_formula_does_not_make_it_live(name):
    AgencyFactory(name=name, oid=f"{EY}.7")
    content, _type = agency_export(agencies=selectors.agency_list(), file_format="xlsx")
    cell = openpyxl.load_workbook(io.BytesIO(content)).active["A2"]
    assert cell.data_type == "s"
    assert cell.value.startswith("'")
    csv_content, _type = agency_export(agencies=selectors.agency_list(), file_format="csv")
    assert csv_content.decode("utf-8-sig").splitlines()[1].startswith(("'", "\"'"))


# 7. Workbook expansion -----------------------------------------------------------------------------------


def _xlsx(sheet_xml: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return buffer.getvalue()


def _read_error(content: bytes) -> str:
    preview = import_services.agency_import_preview(today=timezone.localdate(), content=content, filename="roster.xlsx")
    assert len(preview.errors) == 1 and preview.errors[0].row is None
    return preview.errors[0].message


def test_a_cell_at_the_last_row_is_refused_before_reading():
    sheet = b'<worksheet><sheetData><row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    assert _read_error(_xlsx(sheet + b"</sheetData></worksheet>")) == str(TOO_MANY_ROWS).format(limit=50_000)


def test_a_cell_at_the_last_column_is_refused_before_reading():
    sheet = b'<worksheet><sheetData><row r="1"><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>'
    assert _read_error(_xlsx(sheet + b"</sheetData></worksheet>")) == str(TOO_MANY_COLUMNS).format(limit=100)


def test_a_workbook_that_expands_beyond_the_limit_is_refused():
    content = _xlsx(b"<worksheet>" + b" " * (101 * 1024 * 1024) + b"</worksheet>")
    assert len(content) < 1024 * 1024  # a small file …
    assert _read_error(content) == str(TOO_LARGE_UNCOMPRESSED).format(limit=100)  # … that would expand to 101 MB


def test_a_large_upload_is_checked_in_the_worker(client, regulator_user, settings, django_capture_on_commit_callbacks):
    settings.CSMA_IMPORT_SYNC_MAX_BYTES = 100
    client.force_login(regulator_user)
    content = f"機關名稱,OID,電話,地址,DN\n行政院,{EY},02-33566500,臺北市中正區忠孝東路1段1號,ou=行政院\n".encode()
    upload = SimpleUploadedFile("roster.csv", content, content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("infrastructure:import_upload"), {"file": upload, "file_format": "auto"})
    registry_import = RegistryImport.objects.get()
    assert (registry_import.status, registry_import.summary, len(callbacks)) == ("uploaded", {}, 1)
    callbacks[0]()  # the worker (eager in tests)
    registry_import.refresh_from_db()
    assert (registry_import.status, registry_import.summary["create"]) == ("previewed", 1)


def test_the_preview_lists_200_errors_and_offers_every_error_as_csv(client, regulator_user):
    client.force_login(regulator_user)
    lines = ["機關名稱,OID,電話,地址,DN"] + [f"機關{n},not-an-oid-{n},,," for n in range(300)]
    upload = SimpleUploadedFile("roster.csv", "\n".join(lines).encode(), content_type="text/csv")
    client.post(reverse("infrastructure:import_upload"), {"file": upload, "file_format": "auto"})
    registry_import = RegistryImport.objects.get()
    page = client.get(reverse("infrastructure:import_preview", args=[registry_import.pk]))
    assert page.content.decode().count("not-an-oid-") == 200
    assert page.context["error_count"] == 300
    download = client.get(reverse("infrastructure:import_errors", args=[registry_import.pk]))
    rows = download.content.decode("utf-8-sig").splitlines()
    assert len(rows) == 301 and rows[1].startswith("2,OID,")
    assert "no-store" in download["Cache-Control"]


# 9. CLI: the size first ----------------------------------------------------------------------------------


def test_the_cli_refuses_a_file_over_the_size_limit_before_reading_it(tmp_path, settings):
    settings.CSMA_IMPORT_MAX_BYTES = 1024 * 1024
    path = tmp_path / "roster.csv"
    path.write_bytes(f"機關名稱,OID,電話,地址,DN\n行政院,{EY},,,\n".encode() + b" " * (1024 * 1024))
    with pytest.raises(CommandError, match=r"^The file is larger than the 1 MB limit\.$"):
        call_command("import_agencies", str(path), stdout=io.StringIO(), stderr=io.StringIO())


# Also: names, and every bad row in one pass --------------------------------------------------------------


def test_a_right_to_left_override_in_a_name_is_refused():
    _rows, errors = _validated(f"機關名稱,OID,電話,地址,DN\n行政院\u202egpj.exe,{EY},,,\n")
    assert errors == [RowError(2, "機關名稱", str(INVISIBLE_CHARACTERS))]


def test_unknown_references_are_listed_with_every_other_row_error():
    AgencyFactory(name="行政院", oid=EY)
    content = (
        "name,oid,level,parent,regulator,sectors\n"
        f"甲,{EY}.1,Z,,,\n"  # bad level
        f"乙,{EY}.2,,{EY}.99,,\n"  # unknown parent
        f"丙,{EY}.3,,,{EY}.98,沒有這個領域\n"  # unknown regulator and sector
        f"丁,{EY}.4,,{EY}.1,,\n"  # parent is row 2 (bad itself): not reported as unknown
    ).encode()
    preview = import_services.agency_import_preview(today=timezone.localdate(), content=content, filename="roster.csv")
    assert [(error.row, error.column) for error in preview.errors] == [
        (2, "level"),
        (3, "parent"),
        (4, "regulator"),
        (4, "sectors"),
    ]


# What csma exports, it imports ---------------------------------------------------------------------------


@pytest.fixture
def exported_registry():
    """A ministry with level B, a subordinate, and a regulated SNGA whose phone starts like a formula."""
    ministry = AgencyFactory(name="經濟部", name_en="Ministry of Economic Affairs", oid=f"{EY}.20008", phone="02-1")
    decision = services.level_propose(agency=ministry, level="B", criteria=["B-2"], now=timezone.now())
    services.level_approve(
        decision=decision, effective_from=date(2025, 1, 1), now=timezone.make_aware(datetime(2025, 1, 1, 9))
    )
    AgencyFactory(name="經濟部產業發展署", oid=f"{EY}.20008.1", parent=ministry, address="臺北市")
    company = AgencyFactory(
        name="台灣電力股份有限公司", org_code="03795904", kind="sngo", sngo_category="state_owned",
        regulator=ministry, phone="+886-2-2366-1234", address="@臺北市",
    )  # fmt: skip
    company.sectors.set(Sector.objects.filter(code__in=["energy", "water"]))


@pytest.mark.parametrize("language", ["zh-hant", "en"])
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_registrys_own_export_reimports_unchanged(exported_registry, file_format, language):
    with translation.override(language):
        content, _type = agency_export(agencies=selectors.agency_list(), file_format=file_format)
        preview = import_services.agency_import_preview(
            today=timezone.localdate(), content=content, filename=f"export.{file_format}"
        )
    assert preview.errors == ()
    assert preview.file_format == "csma"
    assert preview.plan.counts == {"create": 0, "update": 0, "deactivate": 0, "unchanged": 3}


def test_the_export_is_not_cached(client, world, users):
    otp_verify(client, users["moda"])
    for url in (reverse("infrastructure:agency_list"), reverse("infrastructure:agency_export", args=["csv"])):
        assert "no-store" in client.get(url)["Cache-Control"]
