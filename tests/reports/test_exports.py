"""Exports: the same figures and rows as the pages, scoped like them, formula-injection safe, logged."""

import io
import zipfile

import pandas as pd
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from access.models import ReadEvent
from tests.access.test_permission_matrix import _client_for
from tests.reports.conftest import YEAR

pytestmark = pytest.mark.django_db


def _get(client, users, role, name, *args, query=""):
    client = _client_for(client, users, role)
    response = client.get(reverse(f"reports:{name}", args=args) + f"?year={YEAR}{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, response.content[:300]
    return response


@pytest.fixture
def frozen_today(time_machine):
    time_machine.move_to("2027-01-05 12:00 +08:00", tick=False)


def test_agency_rows_xlsx_is_scoped_and_exact(client, users, counted_year, frozen_today):
    response = _get(client, users, "moea", "export_rows", "agencies", "xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith('attachment; filename="csma-agencies-115-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    names = [row[0] for row in body]
    assert sorted(names) == ["台灣電力股份有限公司", "經濟部"]  # moea sees its own agency and the one it regulates
    power = dict(zip(header, body[names.index("台灣電力股份有限公司")], strict=True))
    assert (power["Items counted"], power["Compliance rate (%)"], power["Clocks missed"]) == (2, 50.0, 4)
    event = ReadEvent.objects.get()
    assert (event.user, event.action, event.object_type) == (users["moea"], "export", "report_agencies")
    assert (event.data["year"], event.data["format"], event.data["scope"]) == (YEAR, "xlsx", "sector")


def test_figures_ods_has_one_sheet_per_section(client, users, counted_year, frozen_today):
    response = _get(client, users, "moda", "export_figures", "ods")
    sheets = pd.read_excel(io.BytesIO(response.content), engine="odf", sheet_name=None)
    assert list(sheets)[:3] == ["Summary", "Agencies by level", "Compliance by level"]
    summary = dict(zip(sheets["Summary"]["Figure"], sheets["Summary"]["Value"], strict=True))
    assert (summary["Items counted"], summary["Items overdue"], summary["Incidents"]) == (4, 2, 5)
    clocks = sheets["Incident clocks"].set_index("Clock")
    assert clocks.loc["Notification", "On-time rate (%)"] == 80.0


def test_figures_csv_is_one_long_table(client, users, counted_year, frozen_today):
    response = _get(client, users, "mof", "export_figures", "csv")
    assert response.content.startswith("\ufeff".encode())
    table = pd.read_csv(io.BytesIO(response.content), encoding="utf-8-sig")
    assert list(table.columns) == ["Section", "Row", "Measure", "Value"]
    incidents = table[(table["Section"] == "Summary") & (table["Row"] == "Incidents")]
    assert incidents["Value"].tolist() == [4]  # 財政部's subtree: 國稅局's four incidents, not 台電's


def test_rows_exports_neutralise_formulas(client, users, counted_year, frozen_today):
    counted_year["tax"].__class__.objects.filter(pk=counted_year["tax"].pk).update(name='=HYPERLINK("http://x")')
    for dataset in ("registry", "obligations", "incidents"):
        response = _get(client, users, "officer", "export_rows", dataset, "csv")
        text = response.content.decode("utf-8-sig")
        assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text, dataset
    sheet = load_workbook(io.BytesIO(_get(client, users, "officer", "export_rows", "incidents", "xlsx").content)).active
    assert sheet["B2"].value == '\'=HYPERLINK("http://x")'
    assert ReadEvent.objects.count() == 4


def test_drills_and_obligations_rows(client, users, counted_year, frozen_today):
    drills = pd.read_csv(io.BytesIO(_get(client, users, "moda", "export_rows", "drills", "csv").content))
    assert len(drills) == 3 and set(drills["Results"].fillna("")) == {"on time", "late", ""}
    items = pd.read_csv(io.BytesIO(_get(client, users, "moda", "export_rows", "obligations", "csv").content))
    assert sorted(items["Status"]) == ["Accepted", "Exempt", "Overdue", "Overdue", "Upcoming", "Upcoming"]


def test_key_figures_odt_is_an_editable_document(client, users, counted_year, frozen_today):
    response = _get(client, users, "moda", "export_odt")
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    content = archive.read("content.xml").decode()
    assert "Observations and recommendations" in content
    assert "50.0% of 4 items counted are accepted or exempt; 2 overdue." in content
    assert "補件" in content  # the item least met


# ROC dates (issue 13): a Chinese export shows 民國 dates and years; an English one ISO; the trail names the section.


def _get_zh(client, users, role, name, *args):
    client = _client_for(client, users, role)
    response = client.get(reverse(f"reports:{name}", args=args) + f"?year={YEAR}", HTTP_ACCEPT_LANGUAGE="zh-hant")
    assert response.status_code == 200, response.content[:300]
    return response


def test_a_chinese_rows_export_shows_roc_dates_and_an_english_one_iso(client, users, counted_year, frozen_today):
    incidents = pd.read_csv(
        io.BytesIO(_get_zh(client, users, "officer", "export_rows", "incidents", "csv").content), dtype=str
    )
    aware = "知悉時間"
    assert sorted(incidents[aware])[:3] == ["115/01/10 10:00", "115/02/10 10:00", "115/03/02 10:00"]
    assert not incidents[aware].str.contains("2026").any()
    items = load_workbook(io.BytesIO(_get_zh(client, users, "moda", "export_rows", "obligations", "xlsx").content))
    rows = list(items.active.iter_rows(values_only=True))
    due = rows[0].index("期限")
    assert "115/10/01" in [row[due] for row in rows[1:]]  # the ad-hoc 補件, due 2026-10-01
    english = pd.read_csv(io.BytesIO(_get(client, users, "officer", "export_rows", "incidents", "csv").content))
    assert sorted(english["Aware at"])[:1] == ["2026-01-10 10:00"]


def test_a_chinese_figures_export_shows_the_roc_year(client, users, counted_year, frozen_today):
    sheets = pd.read_excel(
        io.BytesIO(_get_zh(client, users, "moda", "export_figures", "xlsx").content),
        sheet_name=None,
        dtype=str,
        engine="openpyxl",
    )
    summary = next(iter(sheets.values()))
    assert summary.iloc[0].tolist()[1] == "民國115年"


def test_the_trail_names_an_exports_section_not_its_key(client, users, counted_year, frozen_today):
    _get(client, users, "moda", "export_figures", "xlsx")
    _get(client, users, "moda", "export_rows", "obligations", "csv")
    _get(client, users, "moda", "export_odt")
    descriptions = list(ReadEvent.objects.order_by("pk").values_list("description", flat=True))
    assert descriptions == ["關鍵指標 · XLSX · 民國115年", "應辦事項 · CSV · 民國115年", "關鍵指標 · ODT · 民國115年"]
