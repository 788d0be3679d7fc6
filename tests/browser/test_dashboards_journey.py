"""Dashboards journey in headless Chromium: a sector regulator (TOTP) lands on its dashboard, opens the
compliance page, filters and sorts it, drills down to an agency's items and exports the rows as XLSX; an
agency officer lands on its own dashboard. Data: the hand-counted year of tests/reports/conftest.py.
Screenshots go to test-artifacts/."""

import io

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import load_workbook
from playwright.sync_api import expect

from access.models import ReadEvent
from tests.browser.test_obligations_journey import _log_in, _log_out
from tests.reports.conftest import counted_year, power_officer, private_media  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_regulator_and_officer_dashboards(page, live_server, screenshot, users, counted_year):  # noqa: F811
    regulator = users["moea"]
    device = TOTPDevice.objects.create(user=regulator, name="default", confirmed=True)

    # The sector regulator lands on its dashboard: its own agency and the one it regulates
    _log_in(page, live_server, regulator, device=device)
    page.goto(live_server.url + "/")
    expect(page.locator("#dashboard-title")).to_contain_text("中央目的事業主管機關儀表板")
    expect(page.locator("#dashboard-title")).to_contain_text("民國115年")
    expect(page.locator("#kpi-agencies strong")).to_have_text("2")
    expect(page.locator("#kpi-incidents strong")).to_have_text("1")
    expect(page.locator("#chart-incidents-by-month svg")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("財政部臺北國稅局")
    screenshot("dashboards-01-sector-regulator")

    # … opens the compliance page, filters to specific non-government agencies and sorts by rate
    page.click("a[href^='/reports/compliance/']")
    expect(page.locator("#compliance-title")).to_contain_text("115年")
    page.select_option("#id_kind", "sngo")
    page.click("#compliance-filters button[type=submit]")
    expect(page.locator("#compliance-rows tbody tr")).to_have_count(1)
    page.click("#compliance-rows th a.sort[href*='rate']")
    expect(page.locator("#compliance-rows th a.sort.active.desc")).to_have_count(1)
    expect(page.locator("#compliance-rows tbody tr").first).to_contain_text("台灣電力股份有限公司")
    expect(page.locator("#compliance-rows tbody tr").first).to_contain_text("50.0%")
    screenshot("dashboards-02-compliance-filtered-sorted")

    # … drills down to 台電's items
    page.click("#compliance-rows a:has-text('台灣電力股份有限公司')")
    expect(page.locator("#agency-items")).to_contain_text("補件")
    expect(page.locator("#agency-incidents")).to_contain_text("Level 2 incident")
    screenshot("dashboards-03-drill-down")

    # … and exports the filtered rows as XLSX (logged)
    page.go_back()
    with page.expect_download() as download_info:
        page.click("#export-xlsx")
    path = download_info.value.path()
    rows = list(load_workbook(io.BytesIO(open(path, "rb").read())).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == ["台灣電力股份有限公司"]
    assert ReadEvent.objects.filter(user=regulator, action="export", object_type="report_agencies").count() == 1
    _log_out(page)

    # The agency officer lands on its own agency's dashboard
    _log_in(page, live_server, users["officer"])
    page.goto(live_server.url + "/")
    expect(page.locator("#dashboard-title")).to_contain_text("機關儀表板")
    expect(page.locator("#dashboard-scope")).to_contain_text("財政部臺北國稅局")
    expect(page.locator("#kpi-incidents strong")).to_have_text("4")
    expect(page.locator("main")).not_to_contain_text("台灣電力股份有限公司")
    screenshot("dashboards-04-agency-officer")
