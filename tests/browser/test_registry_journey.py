"""First journey: a regulator imports the national OID roster from the web and finds an agency in it.

Headless Debian Chromium (Playwright, no browser download) against pytest-django's live server;
a screenshot of every step goes to test-artifacts/.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from infrastructure.models import Agency, AgencyEvent, RegistryImport
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# The government OID registry export (data.gov.tw 7081): UTF-8 with BOM, every field quoted.
OID_ROWS = [
    ("行政院", "2.16.886.101.20003", "02-33566500", "臺北市中正區忠孝東路1段1號", "ou=行政院,o=中華民國"),
    (
        "數位發展部",
        "2.16.886.101.20003.20080",
        "02-23800000",
        "臺北市中正區延平南路143號",
        "ou=數位發展部,ou=行政院,o=中華民國",
    ),
    (
        "數位發展部資通安全署",
        "2.16.886.101.20003.20080.20001",
        "02-23800001",
        "臺北市中正區延平南路143號",
        "ou=數位發展部資通安全署,ou=數位發展部,ou=行政院,o=中華民國",
    ),
    (
        "數位發展部數位產業署",
        "2.16.886.101.20003.20080.20002",
        "02-23800002",
        "新北市新店區",
        "ou=數位發展部數位產業署,ou=數位發展部,ou=行政院,o=中華民國",
    ),
    ("經濟部", "2.16.886.101.20003.20010", "02-23212200", "臺北市中正區福州街15號", "ou=經濟部,ou=行政院,o=中華民國"),
    (
        "經濟部能源署",
        "2.16.886.101.20003.20010.20005",
        "02-27757777",
        "臺北市中山區",
        "ou=經濟部能源署,ou=經濟部,ou=行政院,o=中華民國",
    ),
]


@pytest.fixture
def oid_roster_csv(tmp_path):
    lines = ['"機關名稱","OID","電話","地址","DN"']
    lines += [",".join(f'"{value}"' for value in row) for row in OID_ROWS]
    path = tmp_path / "政府機關OID.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    return path


def test_regulator_imports_the_oid_roster_and_finds_an_agency(
    page, live_server, regulator_user, oid_roster_csv, screenshot
):
    # Log in
    page.goto(live_server.url + reverse("infrastructure:agency_list"))
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.fill("#id_auth-username", regulator_user.username)
    page.fill("#id_auth-password", TEST_PASSWORD)
    screenshot("journey-01-login")
    page.click("button[type=submit].primary")
    expect(page.locator("h1")).to_have_text("受規範機關名冊")
    expect(page.locator(".resultcount")).to_contain_text("共 0 個機關")

    # Open the import page from the navigation and upload the roster
    page.click(f'nav.mainnav a[href="{reverse("infrastructure:import_upload")}"]')
    expect(page.locator("h1")).to_have_text("匯入名冊")
    page.set_input_files("#id_file", str(oid_roster_csv))
    page.select_option("#id_file_format", "oid")
    screenshot("journey-02-upload")
    page.click("button[type=submit].primary")

    # Preview: counts, no errors, nothing written yet
    expect(page.locator("h1")).to_contain_text("匯入預覽")
    expect(page.locator(".count-create strong")).to_have_text("6")
    expect(page.locator(".count-errors strong")).to_have_text("0")
    assert Agency.objects.exists() is False
    screenshot("journey-03-preview")

    # Confirm: a small file is applied at once
    page.click("#confirm-import")
    expect(page.locator("h1")).to_contain_text("匯入完成")
    expect(page.locator("#import-status")).to_have_text("已套用")
    expect(page.locator(".count-create strong")).to_have_text("6")
    assert Agency.objects.count() == 6
    assert AgencyEvent.objects.filter(kind="created", channel="import", actor=regulator_user).count() == 6
    screenshot("journey-04-applied")

    # Find an agency by name in the registry
    page.click(f'nav.mainnav a[href="{reverse("infrastructure:agency_list")}"]')
    page.fill("input[name=q]", "資通安全署")
    page.click("form.filters button[type=submit]")
    expect(page.locator(".resultcount")).to_contain_text("共 1 個機關")
    rows = page.locator("table.registry tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("2.16.886.101.20003.20080.20001")
    screenshot("journey-05-search")

    # Open its detail page: the breadcrumb shows the hierarchy from the OIDs
    rows.first.locator("a.agency-name").click()
    expect(page.locator("h1")).to_contain_text("數位發展部資通安全署")
    expect(page.locator("nav.breadcrumb")).to_have_text(
        re.compile(r"機關名冊\s*›\s*行政院\s*›\s*數位發展部\s*›\s*數位發展部資通安全署")
    )
    expect(page.locator("dl.facts")).to_contain_text("02-23800001")
    screenshot("journey-06-detail")


def _log_in(page, live_server, user):
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_auth-username", user.username)
    page.fill("#id_auth-password", TEST_PASSWORD)
    page.click("button[type=submit].primary")
    expect(page.locator("#dashboard-title")).to_be_visible()
    page.goto(live_server.url + reverse("infrastructure:agency_list"))
    expect(page.locator("h1")).to_have_text("受規範機關名冊")


def test_progress_bar_follows_a_queued_import_until_it_is_applied(page, live_server, regulator_user, screenshot):
    counts = {"format": "oid", "rows": 8000, "create": 8000, "update": 0, "deactivate": 0, "unchanged": 0}
    registry_import = RegistryImport.objects.create(
        original_name="national.csv",
        sha256="0" * 64,
        uploaded_by=regulator_user,
        file_format="oid",
        status=RegistryImport.Status.QUEUED,
        progress_total=8000,
        summary=counts,
    )
    _log_in(page, live_server, regulator_user)
    page.goto(live_server.url + reverse("infrastructure:import_preview", args=[registry_import.pk]))
    expect(page.locator("#import-progress")).to_have_attribute("max", "8000")
    expect(page.locator("#import-status")).to_have_text("排程中")

    # A worker makes progress: the page polls every second and moves the bar
    RegistryImport.objects.filter(pk=registry_import.pk).update(
        status=RegistryImport.Status.RUNNING, progress_done=4000
    )
    expect(page.locator("#import-progress-text")).to_have_text("4000 / 8000")
    expect(page.locator("#import-status")).to_have_text("執行中")
    assert page.locator("#import-progress").evaluate("bar => bar.value") == 4000
    screenshot("journey-07-progress")

    # The worker finishes: the page reloads itself and shows the result
    result = {"created": 8000, "updated": 0, "deactivated": 0, "unchanged": 0, "levels": 0, "events": 8000}
    RegistryImport.objects.filter(pk=registry_import.pk).update(
        status=RegistryImport.Status.APPLIED, progress_done=8000, summary={**counts, "result": result}
    )
    expect(page.locator("h1")).to_contain_text("匯入完成")
    expect(page.locator(".count-create strong")).to_have_text("8000")
    expect(page.locator("#import-progress")).to_have_count(0)
    screenshot("journey-08-progress-applied")
